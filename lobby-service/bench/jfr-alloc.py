#!/usr/bin/env python3
# Bytes the lobby allocated per chat line over a --chat-jfr recording (issue 19), from JFR's per-thread allocation
# totals (jdk.ThreadAllocationStatistics at the recording's start and end; a virtual thread's allocation counts on its
# carrier, ForkJoinPool-N-worker-N). Load-independent, unlike CPU time. Lines = the driver's sending rate (--rate) x
# the recording's seconds up to the measured window's end (the recording starts up to 3 s before that window, inside
# the warm-up, and may stop seconds after it, when the clients no longer send). When the lobby did not keep up (a
# backlog from the warm-up caught up in the window) the report's deliveries/s differ from rate x room size and the
# figure is flagged: re-run it. (Until alloc19 the lines were the deliveries/s / room size over the whole recording,
# which a backlog inflated and idle seconds after the window deflated.)
# Usage: python3 jfr-alloc.py reports/X-chat.jfr reports/X.json [--sites [N]]   (needs the JDK's jfr on PATH)
#   --sites: also where the bytes were allocated, from jdk.ObjectAllocationSample (~1,000 samples in a 10 s window
#   with settings=profile, so a site below ~0.3 KiB per line is noise): the N (20) biggest by allocating frame, by the
#   first frame of our code (dev.skirmish) and by the first frame of a library (Spring, Jetty, H2, PostgreSQL,
#   Jackson), by thread kind.
import sys, re, subprocess, json, collections
args = [a for a in sys.argv[1:] if not a.startswith('--')]
jfr, report = args[0], args[1]
sites = None
if '--sites' in sys.argv:
    i = sys.argv.index('--sites')
    sites = int(sys.argv[i+1]) if i+1 < len(sys.argv) and sys.argv[i+1].isdigit() else 20
    args = [a for a in args if a != str(sites)] if i+1 < len(sys.argv) and sys.argv[i+1].isdigit() else args
out = subprocess.run(['jfr','print','--events','jdk.ThreadAllocationStatistics',jfr],capture_output=True,text=True).stdout
per = collections.defaultdict(list)
for ev in out.split('jdk.ThreadAllocationStatistics {')[1:]:
    t = re.search(r'startTime = (\S+)', ev).group(1)
    a = re.search(r'allocated = ([\d.]+) (\w+)', ev)
    th = re.search(r'thread = "([^"]*)" \(javaThreadId = (\d+)\)', ev)
    if not a or not th: continue
    mult = {'bytes':1,'byte':1,'kB':1024,'MB':1024**2,'GB':1024**3}[a.group(2)]
    per[th.group(2)].append((t, float(a.group(1))*mult, th.group(1)))
times = sorted({t for v in per.values() for t,_,_ in v})
first, last = times[0], times[-1]
total = 0; by = collections.Counter()
for tid, v in per.items():
    v.sort()
    d = v[-1][1] - v[0][1]
    total += d
    by[re.sub(r'\d+','N',v[0][2])] += d
r = json.load(open(report))
dur = None
# window: from the first to the last statistics event
def secs(t):
    h,m,s = t.split(':'); return int(h)*3600+int(m)*60+float(s)
window = secs(last)-secs(first)
# lines flow until the measured window's end (the clients stop then): seconds after it hold no lines, only what the
# lobby does idle (the recording may stop a few seconds later); JFR prints the machine's local time (UTC here)
end = r['chatWindow'][1]
chatEnd = secs(end[11:19]) + float('0.' + end[20:23])
dur = min(secs(last), chatEnd) - secs(first)
lines = r['rateIn']
kept = r['deliveriesPerSecond']/r['roomSize']/lines
print(f"{jfr}: window {window:.1f}s ({dur:.1f}s of it chatting), allocated {total/1e6:.0f} MB, lines/s {lines:.0f} -> {total/dur/lines/1024:.1f} KiB per line"
      + (f"  (deliveries/s {100*kept:.0f} % of rate x room size: NOT KEPT UP, re-run)" if abs(kept-1) > 0.05 else f"  (deliveries/s {100*kept:.0f} % of rate x room size)"))
for k,v in by.most_common(8): print(f"   {v/dur/lines/1024:7.2f} KiB/line {k}")

if sites is None: sys.exit(0)
UNIT = {'bytes':1,'byte':1,'kB':1024,'MB':1024**2,'GB':1024**3}
LIB = re.compile(r'^(org\.springframework|org\.eclipse\.jetty|org\.h2|org\.postgresql|tools\.jackson|com\.fasterxml|com\.zaxxer|io\.micrometer)\.')
out = subprocess.run(['jfr','print','--events','jdk.ObjectAllocationSample','--stack-depth','64',jfr],capture_output=True,text=True).stdout
# Each sample stands for an equal share of its thread kind's total above (JFR picks its samples among a thread's
# TLAB refills, so in proportion to bytes). Not the sample's weight: a virtual thread's counts from its own previous
# sample (often none: a new thread per task), and a platform thread's few samples carry lumpy weights (two samples
# of the chat writer weighed 15 % of its bytes in one run). Virtual threads' samples share their carriers' total
# (ForkJoinPool-N-worker-N).
samples = []
for ev in out.split('jdk.ObjectAllocationSample {')[1:]:
    w = re.search(r'weight = ([\d.]+) (\w+)', ev)
    th = re.search(r'eventThread = "([^"]*)" \(javaThreadId = \d+(, virtual)?\)', ev)
    cls = re.search(r'objectClass = (\S+)', ev)
    if not w or not th: continue
    virtual = th.group(2) is not None
    kind = re.sub(r'\d+','N',th.group(1))
    frames = [re.sub(r'\(.*','',f.strip()) for f in re.findall(r'^\s{4}(\S.*?) line:', ev, re.M)]
    samples.append((kind, virtual, float(w.group(1))*UNIT[w.group(2)], cls.group(1) if cls else '?', frames))
carrier = 'ForkJoinPool-N-worker-N'
# the carriers' own samples (their scheduling, outside any virtual thread) share the carriers' total too
nvirtual = sum(1 for s in samples if s[1] or s[0] == carrier)
countOf = collections.Counter(kind for kind, virtual, _, _, _ in samples if not virtual and kind != carrier)
top, ours, lib, kinds = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
for kind, virtual, w, cls, frames in samples:
    if virtual: b = by[carrier] / nvirtual; kind = kind + ' (virtual)'
    elif kind == carrier: b = by[carrier] / nvirtual
    else: b = by[kind] / countOf[kind]
    kinds[kind] += b
    if not frames: continue
    top[(kind, cls, frames[0])] += b
    ours[(kind, next((f for f in frames if f.startswith('dev.skirmish.')), '(none of ours)'))] += b
    lib[(kind, next((f for f in frames if LIB.match(f)), '(no library frame)'))] += b
per = lambda b: b/dur/lines/1024
print(f"{len(samples)} samples ({nvirtual} on virtual threads); by thread kind: " + ', '.join(f"{k} {per(v):.2f}" for k, v in kinds.most_common(6)))
for title, c in (('allocating frame', top), ('first frame of ours', ours), ('first library frame', lib)):
    print(f"-- by {title} (KiB per line)")
    for k, v in c.most_common(sites): print(f"   {per(v):6.2f}  {'  '.join(k)}")
