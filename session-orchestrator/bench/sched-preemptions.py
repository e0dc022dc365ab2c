#!/usr/bin/env python3
"""Who preempts a match host's tick thread (issue 17, docs/benchmarks.md "Who preempts the tick thread").

Run as root beside MatchesPerMachineBenchmark with match hosts: waits for the bots' JVM (it starts once every match
of the step is placed in a host), lets the harness warm up, then records the scheduler's sched_switch and
sched_wakeup events for SECONDS in a tracefs instance of its own (the top-level buffer is left alone), and reports:

- every time a host's tick thread ("ticks") left its core while still runnable (preempted), how long it waited,
  which thread took its core, and what ran on the machine's cores meanwhile (CPU ms by owner);
- wake-ups per second of every thread of the hosts, the orchestrator (the harness's surefire JVM, the bots' parent)
  and the bots; other JVMs and processes are summed as "other processes".

  sudo python3 session-orchestrator/bench/sched-preemptions.py --after 25 --seconds 15 --raw /tmp/sched-a
  python3 session-orchestrator/bench/sched-preemptions.py --analyse /tmp/sched-a --out /tmp/sched-a.md

Reads only /proc and tracefs; writes only its instance (removed at the end) and --out.
"""
import argparse
import bisect
import collections
import json
import os
import re
import sys
import time

TRACEFS = "/sys/kernel/tracing"
LINE = re.compile(r"^\s*(?P<task>.+)-(?P<tid>\d+)\s+\[(?P<cpu>\d+)\]\s+\S+\s+(?P<ts>[\d.]+):\s+(?P<ev>\w+):\s+(?P<rest>.*)$")
SWITCH = re.compile(r"prev_comm=(?P<pc>.*) prev_pid=(?P<pp>\d+) prev_prio=\d+ prev_state=(?P<ps>\S+) ==> "
                    r"next_comm=(?P<nc>.*) next_pid=(?P<np>\d+) next_prio=\d+")
WAKEUP = re.compile(r"comm=(?P<c>.*) pid=(?P<p>\d+) prio=\d+ target_cpu=(?P<tc>\d+)")


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def owner(cmd, comm):
    if "game-server.jar" in cmd and "--host" in cmd:
        return "host"
    if "game-server.jar" in cmd:
        return "game-server"
    if "MatchBots" in cmd:
        return "bots"
    if "surefire" in cmd:
        return "orchestrator"
    return "other:" + comm


def running(kind):
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and owner(cmdline(p), "") == kind]


def parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def thread_map():
    """tid -> (owner, pid, thread name); taken while the processes still run."""
    m = {}
    # the harness's JVM (the orchestrator's too) started the bots; any other surefire JVM is someone else's tests
    harness = {parent(b) for b in running("bots")}
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        cmd = cmdline(p)
        if "surefire" in cmd and int(p) not in harness:
            cmd = "other tests"
        try:
            with open(f"/proc/{p}/comm") as f:
                pcomm = f.read().strip()
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/comm") as f:
                    m[int(t)] = (owner(cmd, pcomm), int(p), f.read().strip())
        except OSError:
            continue
    return m


def write(path, value):
    with open(path, "w") as f:
        f.write(value)


def record(seconds, buffer_kb):
    inst = os.path.join(TRACEFS, "instances", "skirmish-sched")
    if not os.path.isdir(inst):
        os.mkdir(inst)
    try:
        write(os.path.join(inst, "buffer_size_kb"), str(buffer_kb))
        write(os.path.join(inst, "trace"), "")
        for ev in ("sched_switch", "sched_wakeup"):
            write(os.path.join(inst, "events", "sched", ev, "enable"), "1")
        write(os.path.join(inst, "tracing_on"), "1")
        time.sleep(seconds)
        write(os.path.join(inst, "tracing_on"), "0")
        threads = thread_map()
        with open(os.path.join(inst, "trace")) as f:
            text = f.read()
        for ev in ("sched_switch", "sched_wakeup"):
            write(os.path.join(inst, "events", "sched", ev, "enable"), "0")
        return text, threads
    finally:
        try:
            os.rmdir(inst)
        except OSError:
            pass


def label(threads, tid, comm, host_pid):
    o, pid, name = threads.get(tid, ("other:" + comm, -1, comm))
    if tid == 0:
        return "idle"
    if o == "host":
        who = "own host" if pid == host_pid else "other host"
        if name == "ticks":
            return who + ": tick thread"
        if name.startswith("multiThreadIo") or name.startswith("nioEventLoop"):
            return who + ": event loop"
        if name.startswith("ForkJoinPool"):
            return who + ": virtual-thread carriers (heartbeats, adds)"
        if name in ("VM Thread",) or name.startswith("GC"):
            return who + ": GC / VM thread"
        if "Compiler" in name:
            return who + ": JIT"
        return who + ": " + name
    if o == "orchestrator":
        return "orchestrator + harness (test JVM)"
    if o == "bots":
        return "bots (SCHED_IDLE)"
    if o == "game-server":
        return "game server (own process)"
    return "other processes"


def analyse(text, threads, seconds, min_wait_ms):
    ticks = {t for t, (o, _, n) in threads.items() if o == "host" and n == "ticks"}
    host_of = {t: threads[t][1] for t in ticks}
    # per cpu: list of (start, end, tid, comm) run intervals
    running = {}
    intervals = collections.defaultdict(list)
    out_at = {}
    episodes = []  # (tick tid, start, end, cpu, preemptor tid, preemptor comm)
    wakeups = collections.Counter()
    switches_in = collections.Counter()
    comms = {}
    first = last = None
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ts = float(m["ts"])
        cpu = int(m["cpu"])
        first = ts if first is None else first
        last = ts
        if m["ev"] == "sched_wakeup":
            w = WAKEUP.match(m["rest"])
            if w:
                wakeups[int(w["p"])] += 1
                comms[int(w["p"])] = w["c"]
            continue
        s = SWITCH.match(m["rest"])
        if not s:
            continue
        prev, nxt = int(s["pp"]), int(s["np"])
        comms[prev], comms[nxt] = s["pc"], s["nc"]
        if cpu in running:
            t0, tid = running[cpu]
            intervals[cpu].append((t0, ts, tid))
        running[cpu] = (ts, nxt)
        switches_in[nxt] += 1
        if prev in ticks and s["ps"].startswith("R"):
            out_at[prev] = (ts, cpu, nxt)
        if nxt in ticks and nxt in out_at:
            t0, c, who = out_at.pop(nxt)
            episodes.append((nxt, t0, ts, c, who))
    span = (last - first) if first is not None else seconds
    return ticks, host_of, intervals, episodes, wakeups, switches_in, comms, span


def ran_during(intervals, starts, t0, t1, exclude):
    """CPU ms per tid over [t0, t1] on every cpu (intervals sorted by start, starts their start times)."""
    ran = collections.Counter()
    for cpu, ivs in intervals.items():
        i = max(0, bisect.bisect_left(starts[cpu], t0) - 1)
        while i < len(ivs) and ivs[i][0] < t1:
            a, b, tid = ivs[i]
            i += 1
            if b <= t0 or tid == exclude:
                continue
            ran[tid] += (min(b, t1) - max(a, t0)) * 1000
    return ran


def report(text, threads, seconds, min_wait_ms):
    ticks, host_of, intervals, episodes, wakeups, switches_in, comms, span = analyse(text, threads, seconds, min_wait_ms)
    starts = {c: [iv[0] for iv in ivs] for c, ivs in intervals.items()}
    lines = [f"# Tick-thread preemptions: {len(ticks)} host tick thread(s), {span:.1f} s traced\n"]
    for floor, title in ((0.0, "all preemptions"), (min_wait_ms, f"preemptions with a wait >= {min_wait_ms} ms")):
        eps = [e for e in episodes if (e[2] - e[1]) * 1000 >= floor]
        waits = sorted((e[2] - e[1]) * 1000 for e in eps)
        lines.append(f"\n## {title}: {len(eps)} ({len(eps) / span:.1f}/s per machine)")
        if not eps:
            continue
        lines.append(f"wait ms p50 / p99 / max: {waits[len(waits) // 2]:.2f} / {waits[min(len(waits) - 1, int(len(waits) * 0.99))]:.2f} / {waits[-1]:.2f}; "
                     f"total wait {sum(waits):.0f} ms\n")
        by = collections.Counter()
        ran = collections.Counter()
        for tid, t0, t1, cpu, who in eps:
            by[label(threads, who, comms.get(who, "?"), host_of[tid])] += 1
            for t, ms in ran_during(intervals, starts, t0, t1, tid).items():
                ran[label(threads, t, comms.get(t, "?"), host_of[tid])] += ms
        total = sum(ran.values()) or 1
        lines.append("| thread | took the tick thread's core (count, %) | CPU ms on both cores while it waited (% of that) |")
        lines.append("|---|---|---|")
        for k in sorted(set(by) | set(ran), key=lambda k: -ran[k]):
            lines.append(f"| {k} | {by[k]} ({100 * by[k] / len(eps):.0f} %) | {ran[k]:.0f} ({100 * ran[k] / total:.0f} %) |")
    lines.append("\n## wake-ups and switch-ins per second, by thread (hosts, orchestrator, bots; others summed)\n")
    lines.append("| owner | thread | wake-ups/s | switch-ins/s | CPU ms/s |")
    lines.append("|---|---|---|---|---|")
    cpu_ms = collections.Counter()
    for ivs in intervals.values():
        for a, b, tid in ivs:
            cpu_ms[tid] += (b - a) * 1000
    rows = collections.defaultdict(lambda: [0, 0, 0.0])
    for tid in set(wakeups) | set(switches_in):
        o, pid, name = threads.get(tid, ("other", -1, comms.get(tid, "?")))
        if tid == 0:
            continue
        key = (o if not o.startswith("other") else "other processes", re.sub(r"\d+$", "N", name) if o != "other" and not o.startswith("other") else "(all)")
        if o in ("host",):
            key = (f"host {pid}", key[1])
        r = rows[key]
        r[0] += wakeups[tid]
        r[1] += switches_in[tid]
        r[2] += cpu_ms[tid]
    for (o, n), (w, s, c) in sorted(rows.items(), key=lambda kv: -kv[1][0]):
        if w / span < 1 and c / span < 1:
            continue
        lines.append(f"| {o} | {n} | {w / span:.0f} | {s / span:.0f} | {c / span:.1f} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--after", type=float, default=25, help="seconds after the bots start (the harness's warm-up, 20 s in the documented command)")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--min-wait-ms", type=float, default=1.0)
    ap.add_argument("--buffer-kb", type=int, default=131072)
    ap.add_argument("--wait-for-host", type=float, default=900)
    ap.add_argument("--out", default="-")
    ap.add_argument("--raw", help="keep the trace and the thread map (PATH.trace, PATH.threads.json) and report later with --analyse PATH")
    ap.add_argument("--analyse", help="report on a --raw recording instead of recording")
    a = ap.parse_args()
    if not 1 <= a.seconds <= 120:
        sys.exit("--seconds 1..120")
    if a.analyse:
        with open(a.analyse + ".trace") as f:
            text = f.read()
        with open(a.analyse + ".threads.json") as f:
            threads = {int(k): tuple(v) for k, v in json.load(f).items()}
    else:
        end = time.time() + a.wait_for_host
        # the bots start once every match of the step is placed (a warm-up session's host comes and goes before)
        while not running("bots") or not running("host"):
            if time.time() > end:
                sys.exit("no match host and bots appeared")
            time.sleep(0.5)
        time.sleep(a.after)
        text, threads = record(a.seconds, a.buffer_kb)
        if a.raw:
            with open(a.raw + ".trace", "w") as f:
                f.write(text)
            with open(a.raw + ".threads.json", "w") as f:
                json.dump(threads, f)
            return  # the report later (--analyse): parsing now would take CPU from the run being measured
    out = report(text, threads, a.seconds, a.min_wait_ms)
    if a.out == "-":
        print(out)
    else:
        with open(a.out, "w") as f:
            f.write(out)


if __name__ == "__main__":
    main()
