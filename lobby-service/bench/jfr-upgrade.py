#!/usr/bin/env python3
# Where the STOMP join's upgrade samples inside Jetty go (issue 19, join21): jfr-joins.py's "container HTTP" layer of
# the upgrade GET /ws split by what Jetty was doing, each sample in the category of its innermost frame that marks one
# (samples whose innermost non-JDK frame is Jetty's, under HttpConnection.onFillable, not the accept, selector or
# outbox). With --frames F1 F2 ...: also how many of the window's samples have each frame anywhere in their stack.
# Usage (a stomp-joins.mjs --stacks recording):
#   jfr print --events jdk.ExecutionSample --stack-depth 256 reports/X-alloc.jfr > /tmp/X.txt
#   python3 jfr-upgrade.py /tmp/X.txt reports/X-stomp-joins.json [--frames WebSocketNegotiation.negotiate ...]
import json, re, sys, collections
txt = open(sys.argv[1]).read()
lo, hi = [w[11:23] for w in json.load(open(sys.argv[2]))['stompJoins']['window']]
EARLY = ['Acceptor.run', 'ServerConnector.accept', 'NioEndpoint$Poller.run', 'ManagedSelector', 'SessionOutbox.drain', 'SessionOutbox.write']
UP = ['Http11Processor.service', 'HttpConnection.onFillable']
NONJ = ['TokenService','StrictHttpFirewall','FirewallChars','doHandshake','WebSocketHttpRequestHandler','DispatcherServlet','FrameworkServlet','springframework.security','ServerHttpObservationFilter','micrometer','ApplicationFilterChain']
# checked innermost-first: the first category whose key is found in the frames from the innermost outwards
CATS = [
 ('Sec-WebSocket-Accept (hashKey: MessageDigest.getInstance per upgrade)', ['WebSocketUtils.hashKey']),
 ('extension offer parse and negotiation', ['WebSocketNegotiation.negotiate', 'ExtensionStack', 'ExtensionConfig']),
 ('session open: Spring afterConnectionEstablished, CoreSocket.onOpen', ['CoreSocket.onOpen']),
 ('Jetty connection metrics (Micrometer) at the upgrade', ['JettyConnectionMetrics']),
 ('WebSocket connection open (fill interest, idle timeout, first read)', ['WebSocketConnection.onOpen', 'WebSocketCoreSession.onOpen']),
 ('endpoint upgrade (HttpConnection -> WebSocketConnection)', ['AbstractEndPoint.upgrade', 'HttpStreamOverHTTP1.upgrade']),
 ('other handshake (session, connection objects, URI, response headers)', ['AbstractHandshaker.upgradeRequest']),
 ('ServletCoreRequest/Response wrap (header copy)', ['ServletCoreRequest', 'ServletCoreResponse.wrap']),
 ('101 response write (HttpOutput.complete, generator, flush)', ['HttpOutput.complete', 'completeOutput', 'HttpGenerator', 'SendCallback', 'Response$Wrapper.write', 'ChannelResponse.write', 'EventsResponse.write', 'ContextResponse.write', 'HttpStream$Wrapper.send', 'SessionStreamWrapper.send']),
 ('request parse (HttpParser)', ['HttpParser', 'parseRequestBuffer']),
 ('request attributes (Synthetic/Mapped getAttribute)', ['Attributes$Synthetic', 'Attributes$Mapped', 'ServletContextRequest.getAttribute']),
 ('servlet request set-up (ServletContextRequest, channel)', ['ServletContextHandler.wrapRequest', 'ServletChannel.associate', 'newServletContextRequest']),
 ('sessions (SessionHandler, cookie look-up)', ['SessionHandler', 'AbstractSessionManager', 'CookieCache']),
 ('servlet filter chain pass-through (FilterHolder, OncePerRequestFilter)', ['FilterHolder.doFilter', 'ServletHandler$Chain', 'OncePerRequestFilter', 'CompositeFilter']),
 ('stream completion, recycle', ['completeStream', 'ServletChannel.recycle', 'onCompleted', 'HttpStream$Wrapper.succeeded']),
 ('request/response wrappers, other servlet API', ['ServletApiRequest', 'ServletApiResponse', 'ServletContextResponse', 'Request$Wrapper', 'Response$Wrapper']),
]
c = collections.Counter(); total = up = 0
for s in txt.split('jdk.ExecutionSample {')[1:]:
    m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', s)
    if not m or not (lo <= m.group(1)[:12] <= hi): continue
    total += 1
    st = s[s.find('stackTrace'):]
    if any(k in st for k in EARLY) or not any(k in st for k in UP): continue
    frames = re.findall(r'\n\s+([\w.$/]+\.[\w$<>]+)\(', st)
    l = next((f for f in frames if any(k in f for k in NONJ) or 'org.eclipse.jetty' in f), None)
    if l is None or 'org.eclipse.jetty' not in l: continue
    up += 1
    cat = None
    for f in frames:
        cat = next((n for n, ks in CATS if any(k in f for k in ks)), None)
        if cat: break
    c[cat or 'handler chain (Server, context, security and servlet handlers), connection, other'] += 1
print(f'{total} samples in the window, {up} ({100*up/total:.1f} %) in Jetty under the upgrade')
for n, v in c.most_common(): print(f'{v:5d} {100*v/total:5.1f} %  {n}')
if '--frames' in sys.argv:
    keys = sys.argv[sys.argv.index('--frames') + 1:]
    hits = collections.Counter()
    for s in txt.split('jdk.ExecutionSample {')[1:]:
        m = re.search(r'startTime = (\d\d:\d\d:\d\d\.\d+)', s)
        if not m or not (lo <= m.group(1)[:12] <= hi): continue
        st = s[s.find('stackTrace'):]
        for k in keys:
            if k in st: hits[k] += 1
    for k in keys: print(f'{hits[k]:5d} {100*hits[k]/total:5.1f} %  any frame {k}')
