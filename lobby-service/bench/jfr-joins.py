#!/usr/bin/env python3
# Where one REST join phase's CPU goes (issue 19): the execution samples of a --jfr profile inside a phase's window
# (the report's roomJoins.window, UTC), each counted once in every layer its stack contains (inclusive shares) and
# once by its innermost frame's package. Usage:
#   jfr print --events jdk.ExecutionSample --stack-depth 256 reports/X-joins.jfr > /tmp/X.txt
#   python3 jfr-joins.py /tmp/X.txt reports/X.json [roomJoins|signUps|roomCreates]
import collections, json, re, sys

txt = open(sys.argv[1]).read()
phase = sys.argv[3] if len(sys.argv) > 3 else 'roomJoins'
lo, hi = [w[11:23] for w in json.load(open(sys.argv[2]))[phase]['window']]  # HH:MM:SS.mmm, UTC as jfr prints it here
LAYERS = [  # (name, any of these frames in the stack)
    ('Tomcat request parse/read', ['Http11InputBuffer', 'Http11Processor.prepareRequest']),
    ('observation filter (http.server.requests)', ['ServerHttpObservationFilter.doFilterInternal']),
    ('Spring Security chain', ['FilterChainProxy.doFilterInternal']),
    ('  bearer token check', ['BearerFilters$BearerFilter.doFilterInternal']),
    ('  authorization', ['AuthorizationFilter.doFilter']),
    ('MVC handler lookup', ['AbstractHandlerMethodMapping.lookupHandlerMethod']),
    ('MVC interceptors (limits)', ['HandlerExecutionChain.applyPreHandle']),
    ('argument resolution', ['InvocableHandlerMethod.getMethodArgumentValues']),
    ('  body read (Jackson)', ['AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters']),
    ('controller (RoomService.join)', ['RoomService.join']),
    ('  room lock wait', ['RoomLock.locked', 'ReentrantLock.lock']),
    ('  H2 / JDBC', ['JdbcTemplate', 'org.h2.']),
    ('  commit', ['TransactionTemplate.execute']),
    ('  room events (publish, STOMP)', ['RoomEvents.publish']),
    ('  view', ['RoomEvents.view']),
    ('response write (Jackson)', ['HandlerMethodReturnValueHandlerComposite.handleReturnValue']),
    ('sign-up (PlayerService.guest)', ['PlayerService.guest']),
    ('room create', ['RoomService.create']),
    ('logging', ['ch.qos.logback', 'org.slf4j']),
    ('GC / JIT / other threads', []),
]
inclusive, innermost, total = collections.Counter(), collections.Counter(), 0
for s in txt.split('jdk.ExecutionSample {')[1:]:
    m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', s)
    if not m or not (lo <= m.group(1)[:12] <= hi):
        continue
    total += 1
    st = s[s.find('stackTrace'):]
    request = 'Http11Processor' in st or 'SocketProcessor' in st
    for name, keys in LAYERS:
        if keys and any(k in st for k in keys):
            inclusive[name] += 1
    if not request:
        inclusive['GC / JIT / other threads'] += 1
    first = re.search(r'\n\s+([\w.$]+)\.[\w$<>]+\(', st)
    pkg = '.'.join(first.group(1).split('.')[:3]) if first else '?'
    innermost[pkg] += 1
print(f'{phase}: {total} samples in {lo}..{hi}')
for name, _ in LAYERS:
    print(f'{inclusive[name]:6d} {100 * inclusive[name] / max(1, total):5.1f} %  {name}')
print('innermost frame by package:')
for pkg, n in innermost.most_common(15):
    print(f'{n:6d} {100 * n / max(1, total):5.1f} %  {pkg}')
