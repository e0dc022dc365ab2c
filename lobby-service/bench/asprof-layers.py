#!/usr/bin/env python3
# Issue 15: a --chat-asprof profile ("event=cpu,interval=1ms,threads", collapsed stacks) split by layer and by thread
# group, in µs per delivery.  Each sample goes to the first layer its stack matches (order below: the outbox drain
# before the fan-out that calls it, the bridge's threads before the generic Netty read).  Usage:
#   python3 asprof-layers.py DELIVERIES INTERVAL_US reports/X-asprof-PID.collapsed [more lobbies' files]
# DELIVERIES = deliveries in the measured window (deliveries/s × seconds); several files are summed (two nodes).
import sys, re, collections
deliveries = float(sys.argv[1]); interval = float(sys.argv[2])
LAYERS = [
    ('JIT (C1/C2 compiler threads)', lambda th, st: th.startswith(('C1 Compiler', 'C2 Compiler'))),
    ('GC (G1 threads, VM thread)', lambda th, st: th.startswith(('GC Thread', 'G1 ', 'VM Thread'))),
    ('chat writer + JDBC (insert, commit)', lambda th, st: th.startswith(('chat-writer', 'HikariPool'))),
    ('socket writes: outbox drain, Jetty flusher, kernel', lambda th, st: any(k in st for k in (
        'DeliveryRun.end', 'SessionOutbox.drain', 'FrameFlusher', 'SessionOutbox.offer'))),
    ('fan-out: frames built, members looked up (ours)', lambda th, st: any(k in st for k in (
        'DeliveryRun.run', 'FanoutBroker', 'RoomBroadcaster', 'RoomMembersCache'))),
    ('inbound SEND: Jetty frame, STOMP decode, chat service', lambda th, st: 'CoreSocket' in st),
    ('bridge out: bundler + sender (to RabbitMQ)', lambda th, st: th.startswith('bridge-bundle-sender') or 'Bundler' in st),
    ('bridge in: Netty read + STOMP decode (RabbitMQ)', lambda th, st: th.startswith(('tcp-client', 'bridge-inbound'))),
    ('Jetty read/select (virtual threads) + poller', lambda th, st: th.startswith('MasterPoller') or 'Continuation.run' in st),
    ('carrier scheduling/idle (ForkJoinPool)', lambda th, st: th.startswith('ForkJoinPool')),
]
lay = collections.Counter(); grp = collections.Counter(); kern = collections.Counter(); total = 0
for path in sys.argv[3:]:
    for line in open(path):
        st, n = line.rstrip('\n').rsplit(' ', 1); n = int(n); total += n
        th = st.split(';', 1)[0].strip('[')
        name = next((nm for nm, f in LAYERS if f(th, st)), 'other threads (timers, sweeps, metrics)')
        lay[name] += n
        if st.rsplit(';', 1)[-1].endswith('_[k]'): kern[name] += n
        grp[re.sub(r'([-#]\d+)+$', '', th.split(' tid=')[0])] += n
us = lambda n: n * interval / deliveries
print(f'samples {total}  = {us(total):.2f} µs per delivery')
print('\nlayer | µs per delivery | of which kernel | share')
for k, v in lay.most_common(): print(f'{k} | {us(v):.2f} | {us(kern[k]):.2f} | {100*v/total:.1f} %')
print('\nthread group | µs per delivery')
for k, v in grp.most_common(16): print(f'{k} | {us(v):.2f}')
