#!/usr/bin/env python3
# Bytes the lobby allocated per chat line over a --chat-jfr recording (issue 19), from JFR's per-thread allocation
# totals (jdk.ThreadAllocationStatistics at the recording's start and end; a virtual thread's allocation counts on its
# carrier, ForkJoinPool-N-worker-N). Load-independent, unlike CPU time; lines = the report's deliveries/s / room size.
# Usage: python3 jfr-alloc.py reports/X-chat.jfr reports/X.json   (needs the JDK's jfr on PATH)
import sys, re, subprocess, json, collections
jfr, report = sys.argv[1], sys.argv[2]
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
dur = secs(last)-secs(first)
lines = r['deliveriesPerSecond']/r['roomSize']
print(f"{jfr}: window {dur:.1f}s, allocated {total/1e6:.0f} MB, {total/dur/1e6:.1f} MB/s, lines/s ~{lines:.0f} -> {total/dur/lines/1024:.1f} KiB per line")
for k,v in by.most_common(8): print(f"   {v/dur/lines/1024:7.2f} KiB/line {k}")
