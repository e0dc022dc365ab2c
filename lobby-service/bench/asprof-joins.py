#!/usr/bin/env python3
"""Where a STOMP join goes, from async-profiler's collapsed stacks of asprof-stomp-joins.sh (issue 19).
   python3 asprof-joins.py FILE JOINS US_PER_SAMPLE [--view join|frames|upgrade]
Each sample counts once, in the first category (in the order below) whose pattern its stack matches; a row prints the
samples and the µs per join they stand for (samples x US_PER_SAMPLE / JOINS). join: the whole lobby by thread role;
frames: the CONNECT and SUBSCRIBE frames (CoreSocket.onFrame) by part; upgrade: GET /ws (HttpConnection.onFillable)."""
import re
import sys
from collections import Counter

VIEWS = {
    'join': (None, [
        ("the JIT's compiler threads", r"CompileBroker|C2Compiler|C1Compiler|Compiler::"),
        ("GC", r"G1|GCTaskThread|WorkerThread::run|ConcurrentGCThread|G1ServiceThread"),
        ("the CONNECT and SUBSCRIBE frames (CoreSocket.onFrame)", r"CoreSocket.onFrame"),
        ("the upgrade GET /ws (HttpConnection.onFillable)", r"HttpConnection.onFillable"),
        ("the outboxes' writer threads", r"SessionOutbox"),
        ("Jetty's selector (ManagedSelector)", r"ManagedSelector"),
        ("the acceptor", r"AbstractConnector\$Acceptor|ServerSocketChannelImpl.accept"),
        ("the JDK's poller (blocking calls of virtual threads)", r"sun/nio/ch/Poller"),
        ("WebSocket reads outside a frame", r"WebSocketConnection"),
        ("carriers parking when idle", r"Unsafe.park"),
        ("carriers woken", r"Unsafe.unpark"),
        ("virtual-thread scheduling, other", r"ForkJoinPool|VirtualThread|Continuation"),
        ("the harness's JFR", r"[Jj]fr|JFR"),
        ("other", r"."),
    ]),
    'frames': ("CoreSocket.onFrame", [
        ("RECEIPT: a proxy's reflective dispatch", r"SubscribeReceipts.*JdkDynamicAopProxy(?!.*ExecutorSubscribableChannel)"),
        ("RECEIPT: built and sent", r"SubscribeReceipts"),
        ("the join timer (StompJoinTimer)", r"StompJoinTimer"),
        ("the token check (StompAuthentication, TokenService)", r"StompAuthentication"),
        ("the guard (StompGuard)", r"StompGuard"),
        ("Spring Security's authorization interceptor", r"AuthorizationChannelInterceptor"),
        ("Spring Security's context interceptor", r"SecurityContextChannelInterceptor"),
        ("the connection limit (WsConnectionLimit)", r"WsConnectionLimit"),
        ("SessionConnectedEvent: StompSessions", r"StompSessions"),
        ("SessionConnectedEvent: an @EventListener adapter", r"ApplicationListenerMethodAdapter"),
        ("events: Spring's user registry", r"DefaultSimpUserRegistry"),
        ("events: publishEvent, the multicaster", r"publishEvent"),
        ("CONNECTED: CONNECT_ACK converted (Spring)", r"getStompHeaderAccessor|convertConnectAck"),
        ("CONNECTED: to the outbox, encoded", r"handleMessageToClient"),
        ("/user/queue/errors resolved (UserDestinationMessageHandler)", r"UserDestinationMessageHandler"),
        ("the broker: subscriptions, read time", r"SimpleBrokerMessageHandler|DefaultSubscriptionRegistry"),
        ("STOMP decode (StompDecoder)", r"StompDecoder"),
        ("header accessors and messages (Spring)", r"MessageHeaderAccessor|MessageHeaders|MessageBuilder|StompHeaderAccessor"),
        ("the inbound channel and the rest", r"."),
    ]),
    'upgrade': ("HttpConnection.onFillable", [
        ("the session opened (CoreSocket.onOpen)", r"CoreSocket.onOpen"),
        ("Jetty's connection metrics (Micrometer)", r"JettyConnectionMetrics"),
        ("the connection upgraded, the WebSocket connection started", r"AbstractEndPoint.upgrade"),
        ("the 101 written", r"completeOutput|HttpOutput.complete"),
        ("handshake: the extension offer parsed (Jetty)", r"WebSocketNegotiation"),
        ("handshake: Sec-WebSocket-Accept (Jetty's hashKey)", r"WebSocketUtils.hashKey"),
        ("handshake: the session id (JdkIdGenerator)", r"JdkIdGenerator|UUID.randomUUID"),
        ("handshake: CoreWebSocketSession otherwise", r"CoreWebSocketSession"),
        ("handshake: ServletCoreRequest.wrap", r"ServletCoreRequest.wrap"),
        ("handshake: the rest of Jetty's", r"HandshakerSelector|AbstractHandshaker"),
        ("handshake: Spring's and CoreUpgrade's", r"WebSocketHttpRequestHandler|CoreUpgrade"),
        ("the firewall", r"Firewall|firewall"),
        ("Spring Security's filter chain", r"FilterChainProxy"),
        ("servlet filters before Spring Security's", r"doFilter"),
        ("request parse (HttpParser)", r"parseRequestBuffer|HttpParser"),
        ("request read", r"fillRequestBuffer"),
        ("Jetty's request handling, the rest", r"."),
    ]),
}


def main(argv):
    path, joins, unit = argv[0], int(argv[1]), float(argv[2])
    view = argv[argv.index('--view') + 1] if '--view' in argv else 'join'
    within, rules = VIEWS[view]
    compiled = [(name, re.compile(p)) for name, p in rules]
    counts, total = Counter(), 0
    with open(path) as f:
        for line in f:
            stack, _, n = line.rstrip('\n').rpartition(' ')
            if not stack or (within and within not in stack):
                continue
            total += int(n)
            for name, r in compiled:
                if r.search(stack):
                    counts[name] += int(n)
                    break
    for name, _ in rules:
        print(f"| {name} | {counts[name]} | {counts[name] * unit / joins:.1f} |")
    print(f"| all | {total} | {total * unit / joins:.1f} |")


if __name__ == '__main__':
    main(sys.argv[1:])
