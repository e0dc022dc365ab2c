// Where a slow join waits (issue 19): the lobby's own latency per REST route, from its http.server.requests histogram
// (/actuator/prometheus, read with the service key), beside the driver's own queueing (Node's event-loop delay).
// The timer starts in Micrometer's observation filter, before Spring Security, and stops when the response is written:
// it holds the lobby's filters, MVC, the database, the room lock and the lobby's wait for a core (virtual threads);
// a client's time beyond it is the container's accept and parsing, the loopback, and the driver's event loop.
import { readFileSync, readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The lobby arguments that make http.server.requests a histogram (buckets, not only sum/count/max). */
export const SERVER_VIEW_ARGS = ['--management.metrics.distribution.percentiles-histogram.http.server.requests=true'];

/**
 * Cumulative bucket counts of http.server.requests for `method uri` (summed over status, outcome, exception), of
 * lobby.ws.upgrades as `GET /ws` and of lobby.stomp.frames for `STOMP command` (the lobby's CONNECT and SUBSCRIBE handling), from one scrape; null when the
 * lobby does not answer (no service key, metrics off): the report then leaves the view out.
 */
export async function scrape(url, key) {
  const text = await metricsText(url, key);
  if (text === null) return null;
  const byRoute = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('http_server_requests_seconds_') && !line.startsWith('lobby_stomp_frames_seconds_') && !line.startsWith('lobby_ws_upgrades_seconds_')) continue;
    const m = /^(http_server_requests|lobby_stomp_frames|lobby_ws_upgrades)_seconds_(bucket|count|sum)\{(.*)\} (\S+)$/.exec(line);
    if (!m) continue;
    const tags = Object.fromEntries([...m[3].matchAll(/(\w+)="([^"]*)"/g)].map((t) => [t[1], t[2]]));
    // the upgrade: its own timer since join19c (summed over outcome), http.server.requests before
    const route = m[1] === 'lobby_stomp_frames' ? `STOMP ${tags.command}` : m[1] === 'lobby_ws_upgrades' ? 'GET /ws' : `${tags.method} ${tags.uri}`;
    const h = byRoute.get(route) ?? { buckets: new Map(), count: 0, sum: 0 };
    byRoute.set(route, h);
    const v = Number(m[4]);
    if (m[2] === 'bucket') h.buckets.set(tags.le, (h.buckets.get(tags.le) ?? 0) + v);
    else h[m[2]] += v;
  }
  return byRoute;
}

/** One scrape of the lobby's `/actuator/prometheus` with the service key; null when it does not answer. */
async function metricsText(url, key) {
  if (!key) return null;
  try {
    const r = await fetch(`${url}/actuator/prometheus`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(10_000) });
    return r.status === 200 ? await r.text() : null;
  } catch {
    return null;
  }
}

/**
 * Counters of one lobby from one scrape, summed over their tags: `name` (the Prometheus series, e.g.
 * `hikaricp_connections_usage_seconds_count`) to its value; null when the lobby does not answer.
 */
export async function scrapeCounters(url, key, names) {
  const text = await metricsText(url, key);
  if (text === null) return null;
  const sums = Object.fromEntries(names.map((n) => [n, 0]));
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{.*\})? (\S+)$/.exec(line);
    if (m && m[1] in sums) sums[m[1]] += Number(m[2]);
  }
  return sums;
}

/**
 * The lobby's latency of one route between two scrapes: mean, and p50/p99 as the upper bound of the bucket that holds
 * them (Micrometer's buckets are ~10-30 % apart, so these are upper bounds within that).
 */
export function serverLatency(before, after, route) {
  const a = after?.get(route);
  if (!a) return null;
  const b = before?.get(route) ?? { buckets: new Map(), count: 0, sum: 0 };
  const n = a.count - b.count;
  if (n <= 0) return null;
  const les = [...a.buckets.keys()].filter((le) => le !== '+Inf').map(Number).sort((x, y) => x - y);
  const upTo = (q) => {
    for (const le of les) {
      const key = [...a.buckets.keys()].find((k) => Number(k) === le);
      if (a.buckets.get(key) - (b.buckets.get(key) ?? 0) >= q * n) return +(le * 1000).toFixed(1);
    }
    return Infinity;
  };
  return { n, meanMs: +((1000 * (a.sum - b.sum)) / n).toFixed(1), p50MsAtMost: upTo(0.5), p99MsAtMost: upTo(0.99) };
}

/** The driver's event-loop delay over a phase: how long a ready response waited for this process to run its callback. */
export function loopDelay() {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return () => {
    h.disable();
    const ms = (ns) => +(ns / 1e6).toFixed(1);
    return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
  };
}

/**
 * Seconds the threads of `pid` (or only `task`) have spent runnable but waiting for a core (field 2 of
 * /proc/<pid>/task/<tid>/schedstat); NaN where the kernel keeps no schedstats. Over a phase: how much of a join's time
 * the lobby, or the driver's event loop, queued for the two cores rather than worked or waited on the other side.
 */
/**
 * Per thread group of `pid` (the thread's name with its numbers dropped: "tcp-client-loop-nio-2" → "tcp-client-loop-nio-N"),
 * from /proc/<pid>/task/<tid>/schedstat: seconds on a core, seconds runnable but waiting for one, and time slices run.
 * Over a phase, waiting ÷ slices is how long a thread of the group that became runnable waited for a core on
 * average: what each hand-over between threads (a queue, a wake-up) costs on a busy machine beyond its CPU. Empty
 * where the kernel keeps no schedstats.
 */
export function schedByGroup(pid) {
  const groups = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/[-#]?\d+/g, 'N');
        const [cpu, wait, slices] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(' ').map(Number);
        const g = groups.get(name) ?? { cpu: 0, wait: 0, slices: 0 };
        g.cpu += cpu / 1e9; g.wait += wait / 1e9; g.slices += slices;
        groups.set(name, g);
      } catch { /* thread gone */ }
    }
  } catch { /* process gone */ }
  return groups;
}

/**
 * The change between two {@link schedByGroup} snapshots (summed over several processes' snapshots by group) over
 * `seconds` of wall time: per group, CPU and run-queue wait in ms per second and the mean wait per time slice, the
 * groups with the most wait first; and the totals. Threads that ended meanwhile are left out of both ends.
 */
export function schedDelta(fromList, toList, seconds, top = 12) {
  const sum = (list) => {
    const m = new Map();
    for (const groups of list) for (const [k, v] of groups) {
      const g = m.get(k) ?? { cpu: 0, wait: 0, slices: 0 };
      g.cpu += v.cpu; g.wait += v.wait; g.slices += v.slices;
      m.set(k, g);
    }
    return m;
  };
  const from = sum(fromList), to = sum(toList);
  const rows = [];
  let cpu = 0, wait = 0, slices = 0;
  for (const [k, t] of to) {
    const f = from.get(k) ?? { cpu: 0, wait: 0, slices: 0 };
    const d = { cpu: t.cpu - f.cpu, wait: t.wait - f.wait, slices: t.slices - f.slices };
    if (d.slices <= 0) continue;
    cpu += d.cpu; wait += d.wait; slices += d.slices;
    rows.push({ group: k, cpuMsPerS: +(1000 * d.cpu / seconds).toFixed(1), waitMsPerS: +(1000 * d.wait / seconds).toFixed(1),
      waitUsPerSlice: +(1e6 * d.wait / d.slices).toFixed(0) });
  }
  rows.sort((a, b) => b.waitMsPerS - a.waitMsPerS);
  return { cpuMsPerS: +(1000 * cpu / seconds).toFixed(0), waitMsPerS: +(1000 * wait / seconds).toFixed(0),
    waitUsPerSlice: slices > 0 ? +(1e6 * wait / slices).toFixed(0) : null, slices, groups: rows.slice(0, top) };
}

export function runQueueWait(pid, task) {
  const read = (tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  try {
    if (task) return read(task);
    let sum = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try { sum += read(tid); } catch { /* thread gone */ }
    }
    return sum;
  } catch {
    return NaN;
  }
}
