#!/usr/bin/env python3
"""Bytes allocated per delivery from async-profiler allocation profiles (--chat-asprof "event=alloc,interval=256k,total"),
by owner and by site.

  python3 asprof-alloc.py reports/LABEL.json reports/LABEL-asprof-PID.collapsed [...more collapsed] [--top N] [--seconds S]

The collapsed files must count bytes (the `total` option; without it the counts are samples, and the script says so
and multiplies by the interval given with --interval-bytes, a rough figure). Deliveries = the report's deliveries per
second in the window (deliveriesPerSecond: every node's) x --seconds (the report's window by default):
the profile covers the window less the attach's second or so, so the figure leans low by about that share.

Owner of a sample = the package of the first frame, from the allocation up, that is not the JDK's (java., jdk., sun.,
javax.) : ours (dev.skirmish), Spring, Jetty, H2, Jackson, Micrometer, Reactor Netty, PgJDBC, Hikari, RabbitMQ...;
JDK when the whole stack is the JDK's (a virtual thread's start, the ForkJoinPool). Site = the allocated class, that
first non-JDK frame and the first frame of ours under it. Our call = the frame of ours nearest the allocation, whoever
allocated below it (Jetty's objects under our write, H2's under our insert).
"""
import json, re, sys
from collections import defaultdict

OWNERS = [('dev/skirmish', 'ours'), ('dev.skirmish', 'ours'), ('org/springframework', 'Spring'), ('org.springframework', 'Spring'),
          ('org/eclipse/jetty', 'Jetty'), ('org.eclipse.jetty', 'Jetty'), ('org/h2', 'H2'), ('org.h2', 'H2'),
          ('com/fasterxml', 'Jackson'), ('tools/jackson', 'Jackson'), ('io/micrometer', 'Micrometer'),
          ('reactor/netty', 'Reactor Netty'), ('io/netty', 'Netty'), ('reactor/', 'Reactor'), ('org/postgresql', 'PgJDBC'),
          ('com/zaxxer', 'Hikari'), ('com/rabbitmq', 'RabbitMQ'), ('ch/qos', 'Logback'), ('org/slf4j', 'SLF4J'),
          ('io/github/bucket4j', 'Bucket4j'), ('org/hibernate', 'Hibernate'), ('brave/', 'Brave'), ('io/opentelemetry', 'OTel')]
JDK = ('java/', 'jdk/', 'sun/', 'javax/', 'com/sun/')


def owner(frame):
    for prefix, name in OWNERS:
        if frame.startswith(prefix):
            return name
    return None


def main(argv):
    top = 30
    seconds = None
    interval = None
    files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '--top': top = int(argv[i + 1]); i += 2; continue
        if a == '--seconds': seconds = float(argv[i + 1]); i += 2; continue
        if a == '--interval-bytes': interval = float(argv[i + 1]); i += 2; continue
        files.append(a); i += 1
    report = json.load(open(files[0]))
    dps = report['deliveriesPerSecond']
    secs = seconds or report['seconds']
    deliveries = dps * secs
    by_owner = defaultdict(float)
    by_site = defaultdict(float)
    by_class = defaultdict(float)
    by_call = defaultdict(float)
    total = 0.0
    samples_mode = False
    for f in files[1:]:
        for line in open(f):
            line = line.rstrip('\n')
            if not line: continue
            stack, _, n = line.rpartition(' ')
            n = float(n)
            frames = stack.split(';')
            leaf = frames[-1]
            cls = re.sub(r'_\[[a-z]\]$', '', leaf)
            if interval: n *= interval
            total += n
            first = None
            ours = None
            for fr in reversed(frames[:-1]):
                fr = re.sub(r'_\[[a-z0-9]\]$', '', fr)
                o = owner(fr)
                if o and first is None: first = (o, fr)
                if o == 'ours': ours = fr; break
            ours_frames = [re.sub(r'_\[[a-z0-9]\]$', '', x) for x in frames[:-1] if owner(x) == 'ours']
            by_call[ours_frames[-1] if ours_frames else '(no frame of ours)'] += n
            own = first[0] if first else 'JDK'
            by_owner[own] += n
            by_class[cls] += n
            by_site[(cls, first[1] if first else '(JDK only: ' + re.sub(r'_\[[a-z0-9]\]$', '', frames[-2] if len(frames) > 1 else '?') + ')', ours or '-')] += n
    unit = 'bytes' if not interval else 'bytes (samples x interval: rough)'
    print(f'deliveries {deliveries:,.0f} ({dps}/s x {secs} s); profile total {total / 2**20:,.1f} MiB {unit}; '
          f'**{total / deliveries:,.0f} bytes per delivery** ({total / deliveries * 8 / 1024:,.2f} KiB per line at rooms of 8)')
    print('\n| owner (first non-JDK frame from the allocation up) | bytes per delivery | share |\n|---|---|---|')
    for o, b in sorted(by_owner.items(), key=lambda kv: -kv[1]):
        print(f'| {o} | {b / deliveries:,.0f} | {100 * b / total:.1f} % |')
    print('\n| allocated class | bytes per delivery | share |\n|---|---|---|')
    for c, b in sorted(by_class.items(), key=lambda kv: -kv[1])[:15]:
        print(f'| `{c}` | {b / deliveries:,.0f} | {100 * b / total:.1f} % |')
    print('\n| our call nearest the allocation (what it led to, whoever allocated) | bytes per delivery | share |\n|---|---|---|')
    for c, b in sorted(by_call.items(), key=lambda kv: -kv[1])[:15]:
        print(f'| `{c.replace("/", ".")}` | {b / deliveries:,.0f} | {100 * b / total:.1f} % |')
    print(f'\n| allocated class | first non-JDK frame | first frame of ours | bytes per delivery | share |\n|---|---|---|---|---|')
    for (c, fr, o), b in sorted(by_site.items(), key=lambda kv: -kv[1])[:top]:
        short = lambda s: s.replace('/', '.').split('.', 3)[-1] if s != '-' else s
        print(f'| `{c}` | `{fr.replace("/", ".")}` | `{o.replace("/", ".")}` | {b / deliveries:,.0f} | {100 * b / total:.1f} % |')


if __name__ == '__main__':
    main(sys.argv[1:])
