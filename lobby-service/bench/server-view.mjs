// Where a slow join waits (issue 19): the lobby's own latency per REST route, from its http.server.requests histogram
// (/actuator/prometheus, read with the service key), beside the driver's own queueing (Node's event-loop delay).
// The timer starts in Micrometer's observation filter, before Spring Security, and stops when the response is written:
// it holds the lobby's filters, MVC, the database, the room lock and the lobby's wait for a core (virtual threads);
// a client's time beyond it is Tomcat's accept and parsing, the loopback, and the driver's event loop.
import { readFileSync, readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The lobby arguments that make http.server.requests a histogram (buckets, not only sum/count/max). */
export const SERVER_VIEW_ARGS = ['--management.metrics.distribution.percentiles-histogram.http.server.requests=true'];

/**
 * Cumulative bucket counts of http.server.requests for `method uri` (summed over status, outcome, exception) and of
 * lobby.stomp.frames for `STOMP command` (the lobby's CONNECT and SUBSCRIBE handling), from one scrape; null when the
 * lobby does not answer (no service key, metrics off): the report then leaves the view out.
 */
export async function scrape(url, key) {
  if (!key) return null;
  try {
    const r = await fetch(`${url}/actuator/prometheus`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(10_000) });
    if (r.status !== 200) return null;
    const byRoute = new Map();
    for (const line of (await r.text()).split('\n')) {
      if (!line.startsWith('http_server_requests_seconds_') && !line.startsWith('lobby_stomp_frames_seconds_')) continue;
      const m = /^(http_server_requests|lobby_stomp_frames)_seconds_(bucket|count|sum)\{(.*)\} (\S+)$/.exec(line);
      if (!m) continue;
      const tags = Object.fromEntries([...m[3].matchAll(/(\w+)="([^"]*)"/g)].map((t) => [t[1], t[2]]));
      const route = m[1] === 'lobby_stomp_frames' ? `STOMP ${tags.command}` : `${tags.method} ${tags.uri}`;
      const h = byRoute.get(route) ?? { buckets: new Map(), count: 0, sum: 0 };
      byRoute.set(route, h);
      const v = Number(m[4]);
      if (m[2] === 'bucket') h.buckets.set(tags.le, (h.buckets.get(tags.le) ?? 0) + v);
      else h[m[2]] += v;
    }
    return byRoute;
  } catch {
    return null;
  }
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
