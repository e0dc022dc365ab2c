// --gc-log (chat-load.mjs, issue 19 gc19): every lobby writes its collections and its stop-the-world pauses (any
// collector, plus the JIT's deoptimisations and the like) with wall-clock stamps, one file per process (%p), and the
// report sums what fell inside the measured chat window. Counts (collections by kind, pauses) depend little on the
// machine's load; pause times are wall time and do (a paused VM thread also waits for a core).
import { readdirSync, readFileSync } from 'node:fs';

export function gcLogArgs(label) {
  return [`-Xlog:gc,safepoint:file=reports/${label}-gc-%p.log:utctime`];
}

const STAMP = /^\[(\d{4}-\d\d-\d\dT[\d:.]+[+-]\d{4})\]\s*/;
// JDK 25: Safepoint "G1CollectForAllocation", Time since last: 1 ns, Reaching safepoint: 2 ns, ..., Total: 3 ns
const SAFEPOINT = /Safepoint "([^"]+)".*Total: (\d+) ns/;
// G1/Parallel/Serial: GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->20M(256M) 3.456ms
// ZGC: GC(3) Minor Collection (Allocation Rate) 40M(2%)->10M(0%) 0.012s
const COLLECTION = /GC\(\d+\) (.+?) \d+M(?:\(\d+%\))?->\d+M/;

/** Pauses and collections inside [from, to] (ISO strings) over every `reports/<label>-gc-<pid>.log`. */
export function gcWindow(label, from, to) {
  const t0 = Date.parse(from), t1 = Date.parse(to);
  const files = readdirSync('reports').filter((f) => f.startsWith(`${label}-gc-`) && f.endsWith('.log'));
  const pauses = { n: 0, totalMs: 0, maxMs: 0, byOperation: {} };
  const collections = {};
  for (const f of files) {
    for (const line of readFileSync(`reports/${f}`, 'utf8').split('\n')) {
      const m = STAMP.exec(line);
      if (!m) continue;
      const t = Date.parse(m[1]);
      if (!(t >= t0 && t <= t1)) continue;
      const body = line.slice(m[0].length);
      const s = SAFEPOINT.exec(body);
      if (s) {
        const ms = Number(s[2]) / 1e6;
        pauses.n++; pauses.totalMs += ms; pauses.maxMs = Math.max(pauses.maxMs, ms);
        const op = (pauses.byOperation[s[1]] ??= { n: 0, totalMs: 0, maxMs: 0 });
        op.n++; op.totalMs += ms; op.maxMs = Math.max(op.maxMs, ms);
        continue;
      }
      const c = COLLECTION.exec(body);
      if (c) collections[c[1]] = (collections[c[1]] ?? 0) + 1;
    }
  }
  const round = (o) => { o.totalMs = +o.totalMs.toFixed(2); o.maxMs = +o.maxMs.toFixed(2); };
  round(pauses);
  Object.values(pauses.byOperation).forEach(round);
  return { files: files.length, pauses, collections };
}
