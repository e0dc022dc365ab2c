#!/usr/bin/env python3
# Where one REST join phase's CPU goes (issue 19): the execution samples of a --jfr profile inside a phase's window
# (the report's roomJoins.window, UTC), each counted once, in the layer of its innermost frame that marks one, and
# once by its innermost frame's package. Usage:
#   jfr print --events jdk.ExecutionSample --stack-depth 256 reports/X-joins.jfr > /tmp/X.txt
#   python3 jfr-joins.py /tmp/X.txt reports/X.json [roomJoins|signUps|roomCreates]
# stompJoins: the STOMP join's samples by part of the join instead (the HTTP upgrade GET /ws and its layers, the
# CONNECT and SUBSCRIBE frames, the accept and the poller, the writes), a sample in the first part its stack shows.
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
    ('container (Jetty; Tomcat in jars before jetty19: parse, socket I/O)', ['org.eclipse.jetty', 'org.apache.coyote', 'org.apache.catalina', 'org.apache.tomcat']),
    ('logging', ['ch.qos.logback', 'org.slf4j']),
]
# a STOMP join, by part: (part, frames that mark it), checked from the top of the list; inside the upgrade and the
# frames the innermost marked layer counts, as for the REST phases
STOMP_PARTS = [
    ('accept (Acceptor, socket set-up)', ['Acceptor.run', 'ServerConnector.accept']),
    ('poller', ['NioEndpoint$Poller.run', 'ManagedSelector']),
    ('frame writes (outbox)', ['SessionOutbox.drain', 'SessionOutbox.write']),
    ('upgrade GET /ws', ['Http11Processor.service', 'HttpConnection.onFillable']),
    ('frames (CONNECT, SUBSCRIBE)', ['WsHttpUpgradeHandler.upgradeDispatch', 'WebSocketConnection.onFillable']),
    ('WebSocket session open (WsHttpUpgradeHandler.init)', ['WsHttpUpgradeHandler.init']),
    ('Tomcat connection handling (virtual thread per event)', ['ConnectionHandler.process', 'SocketProcessor', 'VirtualThread']),
]
STOMP_LAYERS = {
    'upgrade GET /ws': [
        ('token check (TokenService)', ['TokenService']),
        ('firewall (header rules)', ['StrictHttpFirewall', 'FirewallChars']),
        ('Tomcat upgrade (WsServerContainer, WsHandshakeRequest)', ['upgradeHttpToWebSocket', 'UpgradeUtil', 'WsHandshakeRequest']),
        ('Spring handshake (headers, session)', ['doHandshake', 'WebSocketHttpRequestHandler']),
        ('handler lookup', ['DispatcherServlet.getHandler']),
        ('MVC other (DispatcherServlet)', ['DispatcherServlet', 'FrameworkServlet']),
        ('Spring Security filters', ['springframework.security']),
        ('observation (http.server.requests)', ['ServerHttpObservationFilter', 'micrometer']),
        ('other servlet filters', ['ApplicationFilterChain']),
        ('container HTTP (parse, response)', ['org.apache', 'org.eclipse.jetty']),
    ],
    'WebSocket session open (WsHttpUpgradeHandler.init)': [
        ('Spring session open (outbox, STOMP session)', ['afterConnectionEstablished', 'Outboxes', 'SessionOutbox']),
        ('Tomcat session, frame reader, endpoint', ['org.apache']),
    ],
    'frames (CONNECT, SUBSCRIBE)': [
        ('CONNECT: token check', ['StompAuthentication', 'TokenService']),
        ('CONNECT: connection limit', ['WsConnectionLimit']),
        ('CONNECT: broker session, heart-beats', ['SimpleBrokerMessageHandler.handleMessageInternal']),
        ('CONNECTED frame, session events', ['convertConnectAcktoStompConnected', 'publishEvent', 'afterStompSessionConnected']),
        ('SUBSCRIBE: guard (seat check)', ['StompGuard']),
        ('SUBSCRIBE: /user destination', ['UserDestinationMessageHandler']),
        ('SUBSCRIBE: RECEIPT', ['SubscribeReceipts']),
        ('frames to the client (encode, queue)', ['handleMessageToClient', 'SessionOutbox']),
        ('join timer (lobby.stomp.frames)', ['StompJoinTimer', 'micrometer']),
        ('inbound channel, interceptors', ['AbstractMessageChannel', 'ChannelInterceptor']),
        ('STOMP decode', ['StompDecoder']),
        ('logging', ['ch.qos.logback', 'org.slf4j']),
        ('container frame read', ['org.apache', 'org.eclipse.jetty', 'WholeMessages']),
    ],
}
if phase == 'stompJoins':
    counts, total = collections.Counter(), 0
    for s in txt.split('jdk.ExecutionSample {')[1:]:
        m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', s)
        if not m or not (lo <= m.group(1)[:12] <= hi):
            continue
        total += 1
        st = s[s.find('stackTrace'):]
        frames = re.findall(r'\n\s+([\w.$/]+\.[\w$<>]+)\(', st)
        part = next((name for name, keys in STOMP_PARTS if any(k in st for k in keys)), None)
        if part is None:
            t = re.search(r'sampledThread = "([^"]*)"', s)
            part = 'other threads: ' + re.sub(r'[\d#-]+', '', t.group(1) if t else '?')[:30]
        layer = next((name for f in frames for name, keys in STOMP_LAYERS.get(part, []) if any(k in f for k in keys)), None)
        counts[(part, layer)] += 1
    print(f'{phase}: {total} samples in {lo}..{hi}')
    for part in dict.fromkeys(p for p, _ in sorted(counts, key=lambda k: -sum(n for (p, _), n in counts.items() if p == k[0]))):
        n = sum(v for (p, _), v in counts.items() if p == part)
        print(f'{n:6d} {100 * n / max(1, total):5.1f} %  {part}')
        for (p, layer), v in counts.most_common():
            if p == part and layer is not None:
                print(f'{v:6d} {100 * v / max(1, total):5.1f} %      {layer}')
    sys.exit(0)
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
