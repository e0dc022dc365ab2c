#!/usr/bin/env python3
# Per-line costs by layer of a --chat-jfr profile (issue 19): each execution sample is put in the first layer its
# stack contains (inbound SEND, chat store, delivery lane, outboxes, Tomcat frame read, H2 background, other by thread).
# The Tomcat frame read runs once per line in code no lever changed: divide a layer by it for a figure that does not
# depend on how much of a core the lobby got.  Usage: jfr print --events jdk.ExecutionSample --stack-depth 96 \
#   reports/X-chat.jfr > /tmp/X.txt && python3 jfr-layers.py /tmp/X.txt
import sys, re, collections
txt=open(sys.argv[1]).read()
samples=txt.split('jdk.ExecutionSample {')[1:]
top=collections.Counter(); sub=collections.Counter()
def has(st, *keys): return any(k in st for k in keys)
for s in samples:
    m=re.search(r'sampledThread = "([^"]*)"', s); th=m.group(1) if m else '?'
    st=s[s.find('stackTrace'):]
    if 'StompSubProtocolHandler.handleMessageFromClient' in st:
        t='inbound SEND'
        for key,name in [('ChatSendReader','body read (ChatSendReader)'),('PayloadMethodArgumentResolver','body read (@Payload)'),
                         ('PrincipalMethodArgumentResolver','principal arg'),('RateLimiter','rate limiter'),('ChatMutes','mutes'),('UserText','sanitizer'),
                         ('ChatMembers','seat check'),('RoomMembersCache','seat check'),('ChatWriter.enqueue','writer enqueue'),('ChatService','ChatService other'),
                         ('StompDecoder','STOMP decode'),('StompGuard','guard'),('ChannelInterceptor','interceptors'),('preSend','interceptors'),
                         ('MappingPathMatcher','mapping match'),('getMatchingMapping','mapping match'),('HandlerMethodArgumentResolverComposite','other arg resolution'),
                         ('InvocableHandlerMethod','handler invoke')]:
            if key in st: sub[(t,name)]+=1; break
        else: sub[(t,'spring/channel plumbing')]+=1
    elif 'ChatStore.insert' in st:
        t='chat store'
        for key,name in [('commit','commit'),('executeBatch','insert batch'),('getGeneratedKeys','generated keys'),('HikariProxy','pool'),('setObject','bind'),('setString','bind')]:
            if key in st: sub[(t,name)]+=1; break
        else: sub[(t,'jdbc other')]+=1
    elif has(st,'ChatWriter.deliver','ChatPublisher','ChatWriter.lambda'):
        t='delivery lane'
        for key,name in [('FanoutBroker','fan-out'),('tools.jackson','JSON'),('convertAndSend','converter chain'),('Timer','timer')]:
            if key in st: sub[(t,name)]+=1; break
        else: sub[(t,'other')]+=1
    elif 'SessionOutbox' in st: t='connection outboxes (writes)'
    elif 'WsFrameServer' in st or 'WsFrameBase' in st or 'WebSocketConnection' in st: t='container frame read (before Spring)'
    elif 'org.h2' in st: t='H2 background'
    elif 'jdk.jfr' in st: t='JFR itself'
    else: t='other: '+re.sub(r'[-#]?\d+','N',th)
    top[t]+=1
n=len(samples); print('samples',n)
for k,v in top.most_common(25): print(f'{v:6d} {100*v/n:5.1f}% {k}')
print()
for k,v in sorted(sub.items(), key=lambda x:(x[0][0],-x[1])): print(f'{v:6d} {k[0]} / {k[1]}')
