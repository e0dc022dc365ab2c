#!/usr/bin/env python3
"""What the lobbies' JIT compiles and deoptimises inside a chat run's measured window (issue 15, tail26).

usage: jit-window.py REPORT.json JITLOG [DEOPTLOG] [--top N]

Logs from a run with (chat-load.mjs / cluster-bench.sh option, one file per lobby through %p):
  --jvm-args "-Xlog:jit+compilation=debug:file=reports/jit-%p.log:utctime,uptime,tid
              -Xlog:deoptimization=debug:file=reports/deopt-%p.log:utctime,uptime"
The window is the report's chatWindow (UTC). Prints, for the window: compiles by tier and by owner (package), the
methods made not entrant, the deoptimisations by reason and by method, and whether each compiled method was compiled
at that tier before (a recompile: its earlier code was thrown away) or is reached for the first time.
"""
import json, re, sys
from collections import Counter
from datetime import datetime

args = [a for a in sys.argv[1:] if not a.startswith('--')]
top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 25
if '--top' in sys.argv:
    args.remove(str(top))
report, jitlog = json.load(open(args[0])), args[1]
deoptlog = args[2] if len(args) > 2 else None
w0, w1 = (datetime.fromisoformat(t.replace('Z', '+00:00')) for t in report['chatWindow'])
STAMP = re.compile(r'^\[(\S+?)\]\[([\d.]+)s\](?:\[\s*\d+\s*\])?\s*(.*)$')
# PrintCompilation's line: id, flags (%: on-stack replacement, s, !, b, n), tier, method, then size or a note
COMPILE = re.compile(r'^(\d+)\s+([%sbn!]*)\s*(\d)\s+(\S+)\s*(.*)$')


def when(s):
    return datetime.fromisoformat(s.replace('+0000', '+00:00'))


def owner(m):
    for p in ('dev.skirmish', 'org.springframework', 'org.eclipse.jetty', 'io.netty', 'reactor', 'com.zaxxer', 'org.postgresql',
              'com.fasterxml', 'tools.jackson', 'io.micrometer', 'ch.qos.logback', 'org.slf4j', 'java.', 'javax.', 'jdk.', 'sun.'):
        if m.startswith(p):
            return p.rstrip('.')
    return m.split('.')[0] if '.' in m else '(other)'


seen, before, inside, not_entrant, first_in = Counter(), [], [], [], 0
for line in open(jitlog, errors='replace'):
    m = STAMP.match(line.rstrip('\n'))
    if not m:
        continue
    t, rest = when(m.group(1)), m.group(3)
    c = COMPILE.match(rest)
    if not c:
        continue
    cid, flags, tier, method, note = c.groups()
    key = (method, tier, '%' in flags)
    if 'made not entrant' in note:
        # "not used": a tier-3 copy replaced by its tier-4 one (normal tiering); anything else (uncommon trap,
        # dependencies) throws compiled code away
        if w0 <= t < w1:
            not_entrant.append((tier, method, note.split('made not entrant:')[-1].strip() or '?'))
        continue
    if w0 <= t < w1:
        inside.append((tier, method, flags, seen[key] > 0, note))
    seen[key] += 1

print(f'window {w0.isoformat()} .. {w1.isoformat()}: {len(inside)} compiles, {len(not_entrant)} made not entrant')
print('by tier:', dict(sorted(Counter(t for t, *_ in inside).items())))
print('by tier, recompiles (the method compiled at that tier before):', dict(sorted(Counter(t for t, _, _, again, _ in inside if again).items())))
print('on-stack replacements:', sum(1 for _, _, f, _, _ in inside if '%' in f))
print('by owner (tier 4 / all):')
all_, c2 = Counter(owner(m) for _, m, *_ in inside), Counter(owner(m) for t, m, *_ in inside if t == '4')
for k, n in all_.most_common():
    print(f'  {k:22} {c2[k]:4} / {n}')
print(f'tier-4 compiles in the window (first {top}; * = compiled at tier 4 before):')
for t, m, f, again, note in [x for x in inside if x[0] == '4'][:top]:
    print(f'  {"*" if again else " "} {f:2} {m} {note}')
print('made not entrant in the window, by why:', dict(Counter(w for *_, w in not_entrant)))
print('  tier 4 made not entrant other than "not used" (tier, method, why):')
for (t, m, w), n in Counter(x for x in not_entrant if x[2] != 'not used').most_common(top):
    print(f'  {n:3}  {t} {m} ({w})')

if deoptlog:
    reasons, methods = Counter(), Counter()
    for line in open(deoptlog, errors='replace'):
        m = STAMP.match(line.rstrip('\n'))
        if not m or not (w0 <= when(m.group(1)) < w1):
            continue
        d = re.search(r'level=(\d)\s+(\S+)\s+trap_bci=(\d+)\s+(\S+)\s+(\S+)', m.group(3))
        if d:
            reasons[(d.group(4), d.group(5))] += 1
            methods[(d.group(1), d.group(2), d.group(4))] += 1
    print(f'deoptimisations in the window: {sum(reasons.values())} (lines of -Xlog:deoptimization=debug)')
    for (r, a), n in reasons.most_common():
        print(f'  {n:5}  {r} {a}')
    print('by method (tier, method, reason):')
    for (lv, me, r), n in methods.most_common(top):
        print(f'  {n:5}  {lv} {me} {r}')
