// One REST driver process (issue 19 joins): makes its share of a phase's POSTs (sign-ups, room creates, joins) with
// its share of the calls in flight, as its own slice of a browser crowd, so that no single Node event loop carries all
// 160 calls in flight (one loop's own delay was most of the join p99: docs/benchmarks.md). Driven over IPC by
// chat-load.mjs (--procs); every call is bounded in time (rest-client.mjs).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { restClient } from './rest-client.mjs';
import { runQueueWait } from './server-view.mjs';

let post;

process.on('message', async (msg) => {
  if (msg.cmd === 'init') {
    post = restClient(msg.client, msg.inflight);
    process.send({ evt: 'ready' });
  } else if (msg.cmd === 'calls') {
    const { calls, inflight } = msg, results = new Array(calls.length), ms = new Array(calls.length);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const cpu0 = process.cpuUsage(), wait0 = runQueueWait(process.pid, process.pid), t0 = performance.now();
    loop.enable();
    let next = 0, failed = 0;
    const lane = async () => {
      while (next < calls.length) {
        const i = next++, c = calls[i], s = performance.now();
        try {
          results[i] = await post(c.base, c.path, c.token, c.body);
        } catch (e) {
          failed++;
          results[i] = { error: String(e.message) };
        }
        ms[i] = performance.now() - s;
      }
    };
    await Promise.all(Array.from({ length: Math.min(inflight, calls.length) }, lane));
    loop.disable();
    const u = process.cpuUsage(cpu0), wall = (performance.now() - t0) / 1000;
    process.send({ evt: 'done', results, ms, failed, cpuSeconds: (u.user + u.system) / 1e6, wall,
      loopWaitSeconds: runQueueWait(process.pid, process.pid) - wait0,
      loop: { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 } });
  } else if (msg.cmd === 'close') {
    process.exit(0);
  }
});
