#!/usr/bin/env python3
# Where one REST join phase's CPU goes (issue 19): the execution samples of a --jfr profile inside a phase's window
# (the report's roomJoins.window, UTC), each counted once, in the layer of its innermost frame that marks one, and
# once by its innermost frame's package. Usage:
#   jfr print --events jdk.ExecutionSample --stack-depth 256 reports/X-joins.jfr > /tmp/X.txt
#   python3 jfr-joins.py /tmp/X.txt reports/X.json [roomJoins|signUps|roomCreates]
import collections, json, re, sys

txt = open(sys.argv[1]).read()
phase = sys.argv[3] if len(sys.argv) > 3 else 'roomJoins'
lo, hi = [w[11:23] for w in json.load(open(sys.argv[2]))[phase]['window']]  # HH:MM:SS.mmm, UTC as jfr prints it here
LAYERS = [  # (name, frames that mark it), attributed by the innermost frame of the stack that matches any
    ('room events (publish, STOMP)', ['RoomEventQueue.drain', 'RoomEvents.publish']),
    ('room lock (spin/park)', ['ReentrantLock.lock', 'AbstractQueuedSynchronizer.acquire']),
    ('H2 / JDBC / commit', ['org.h2.', 'JdbcTemplate', 'TransactionTemplate', 'HikariProxy', 'com.zaxxer']),
    ('room view', ['RoomEvents.view', 'RoomView.of']),
    ('join rules, seat index', ['RoomService.join', 'RoomLedger', 'SeatIndex']),
    ('sign-up (PlayerService.guest)', ['PlayerService.guest']),
    ('room create', ['RoomService.create']),
    ('body read (Jackson)', ['readWithMessageConverters']),
    ('response write (Jackson)', ['handleReturnValue']),
    ('MVC handler lookup', ['lookupHandlerMethod']),
    ('MVC interceptors (limits)', ['applyPreHandle', 'applyPostHandle', 'triggerAfterCompletion']),
    ('other argument resolution', ['getMethodArgumentValues']),
    ('MVC other (DispatcherServlet)', ['DispatcherServlet', 'FrameworkServlet']),
    ('token check (TokenService)', ['TokenService']),
    ('authorization', ['AuthorizationFilter']),
    ('Spring Security other', ['FilterChainProxy', 'springframework.security']),
    ('observation (http.server.requests)', ['ServerHttpObservationFilter', 'micrometer']),
    ('other servlet filters', ['ApplicationFilterChain']),
    ('Tomcat (parse, valves, socket I/O)', ['org.apache.coyote', 'org.apache.catalina', 'org.apache.tomcat']),
    ('logging', ['ch.qos.logback', 'org.slf4j']),
]
counts, innermost, total = collections.Counter(), collections.Counter(), 0
for s in txt.split('jdk.ExecutionSample {')[1:]:
    m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', s)
    if not m or not (lo <= m.group(1)[:12] <= hi):
        continue
    total += 1
    frames = re.findall(r'\n\s+([\w.$/]+\.[\w$<>]+)\(', s[s.find('stackTrace'):])
    layer = next((name for f in frames for name, keys in LAYERS if any(k in f for k in keys)), None)
    if layer is None:
        t = re.search(r'sampledThread = "([^"]*)"', s)
        layer = 'other threads: ' + re.sub(r'[\d#-]+', '', t.group(1) if t else '?')[:30]
    counts[layer] += 1
    pkg = '.'.join(frames[0].split('.')[:3]) if frames else '?'
    innermost[pkg] += 1
print(f'{phase}: {total} samples in {lo}..{hi}')
for name, n in counts.most_common():
    print(f'{n:6d} {100 * n / max(1, total):5.1f} %  {name}')
print('innermost frame by package:')
for pkg, n in innermost.most_common(15):
    print(f'{n:6d} {100 * n / max(1, total):5.1f} %  {pkg}')
