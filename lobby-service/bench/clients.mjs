// One load process: real STOMP clients (@stomp/stompjs over ws, which offers permessage-deflate as browsers do) for
// the rooms the driver hands it. Driven over IPC by chat-load.mjs; every phase is bounded in time.
//
// What this driver may and may not change to cost less CPU (issues 15 and 19, session 21 driver25; the clients run on
// the lobby's machine, where a browser would not): nothing the lobby can see and nothing that is measured.
// - Each client stays a @stomp/stompjs Client over a ws WebSocket that offers permessage-deflate, with the same
//   CONNECT headers, heart-beats (10 s both ways), SUBSCRIBEs with their receipt and SEND frames (same destination,
//   headers and a JSON body of the same size). ws-frames.py compares two versions' frames from a loopback capture.
// - Every delivery is fully received and parsed as a real client would (ws's framing and UTF-8 check, stompjs's
//   Parser and FrameImpl, the body through JSON.parse), counted, checked for loss (received against sent x room
//   size), and its latency is taken when the subscription's callback runs.
// - No sampling, no fewer clients or subscriptions, no batching the lobby does not do; the Parser is stompjs's own
//   (a faster one would be a different client). Allowed: stompjs options that only change its own logging
//   (logRawCommunication), this harness's own bookkeeping, and the V8 heap sizing of these processes.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';

const now = () => performance.timeOrigin + performance.now();
const BUCKET_MS = 0.1, BUCKETS = 100_000; // 0.1 ms buckets up to 10 s; later lands in the last one
let job, clients = [], hist = new Uint32Array(BUCKETS);
let sent = 0, received = 0, measured = 0, refused = {}, failed = 0, seq = 0;
// per second of the measured window, by the second a line was sent in: deliveries, those over 50 ms, the slowest
// (a p99 from a burst at the window's start, a stall, or spread evenly over it)
let perSecond = [];
// the same seconds split by who could have made a delivery late (issue 15 tail): by the node the receiver is on, and
// crossing nodes (sender and receiver on different nodes: through RabbitMQ) or not, [deliveries, over 50 ms] each;
// and this process's own stalls by wall second: V8's GC (ms, longest ms) and the longest gap of the 10 ms send tick
// (a loop that ran nothing else for that long delivered nothing meanwhile)
let split = [], stalls = [];
const secondOf = (t) => Math.floor((t - job.measureFrom) / 1000);
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const s = job && stalls[secondOf(e.startTime + performance.timeOrigin)];
    if (s) { s.gcMs += e.duration; s.gcMaxMs = Math.max(s.gcMaxMs, e.duration); }
  }
});

// A second's [deliveries, over 50 ms, slowest ms] and its split, made by one function each so the window's and the
// scratch ones have the same shapes (the slowest is a double from the start: no elements-kind change on the first store)
const newSecond = () => { const a = [0, 0, 0.5]; a[2] = 0; return a; };
const newSplit = () => ({ node: job.wsUrls.map(() => [0, 0]), local: [0, 0], cross: [0, 0] });
// where deliveries outside the measured window are counted (see the chat callback)
const outside = { sec: newSecond(), split: null, hist: new Uint32Array(BUCKETS) };

/** The third field of a line's text `<sent ms>|<seq>|<sender node>|....` (bar: the first '|'). */
function senderNode(text, bar) {
  const from = text.indexOf('|', bar + 1) + 1;
  return Number(text.slice(from, text.indexOf('|', from)));
}

function connectOne(member, roomId, wsUrl, node) {
  return new Promise((resolve) => {
    const started = now();
    const receipt = `r-${member.id}`;
    const c = new Client({
      webSocketFactory: () => new WebSocket(wsUrl, ['v12.stomp']),
      connectHeaders: { Authorization: `Bearer ${member.token}` },
      heartbeatIncoming: 10_000, heartbeatOutgoing: 10_000, reconnectDelay: 0, debug: () => {},
      // driver25: stompjs builds its debug line even when debug does nothing; without this it re-serialises every
      // received MESSAGE's command and headers (`<<< ${frame}`: four regex escapes per header) and every SEND
      // (`>>> ${frame}`); with it, the debug line is the frame string it already has. Stompjs option only: the
      // frames, their parsing (Parser, FrameImpl.fromRawFrame, header unescaping) and the wire stay the same.
      logRawCommunication: true,
    });
    const timer = setTimeout(() => { failed++; resolve(null); }, 30_000);
    c.onConnect = () => {
      c.subscribe('/user/queue/errors', (m) => {
        const code = JSON.parse(m.body).code ?? 'UNKNOWN';
        refused[code] = (refused[code] ?? 0) + 1;
      });
      c.watchForReceipt(receipt, () => {
        clearTimeout(timer);
        resolve({ client: c, roomId, node, ms: now() - started, started });
      });
      c.subscribe(`/topic/rooms/${roomId}/chat`, (m) => {
        // the whole body through JSON.parse, as a real client; the send time up to the first '|' read without
        // split's array of four strings per delivery (driver25), the sender's node only for measured lines
        const text = JSON.parse(m.body).text, bar = text.indexOf('|');
        const t = Number(text.slice(0, bar));
        received++;
        // The same work for every delivery, in the window or not (tail26): the window's counts go to its seconds, the
        // rest to a scratch second of the same shape. With that work only inside the window, V8 optimised this
        // callback (and the code it is inlined into) during the warm-up without it and deoptimised them on the
        // window's first deliveries ("Insufficient type feedback", node --trace-deopt on a copy of the callback):
        // the client processes ran their reads in the interpreter until they were optimised again, in second 0.
        const ms = now() - t, inWindow = t >= job.measureFrom && t < job.measureTo;
        const i = secondOf(t), sec = (inWindow && perSecond[i]) || outside.sec;
        measured += inWindow ? 1 : 0;
        (inWindow ? hist : outside.hist)[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))]++;
        sec[0]++; if (ms > 50) sec[1]++; if (ms > sec[2]) sec[2] = ms;
        const late = ms > 50 ? 1 : 0, sp = (inWindow && split[i]) || outside.split, by = sp.node[node], road = senderNode(text, bar) === node ? sp.local : sp.cross;
        by[0]++; by[1] += late; road[0]++; road[1] += late;
      }, { receipt });
    };
    c.onStompError = () => { failed++; clearTimeout(timer); resolve(null); };
    c.onWebSocketError = () => {};
    c.activate();
  });
}

async function connectAll(inflight) {
  // member j of a room on node j mod n: with several nodes, a room's lines cross between them; a room with a home
  // (chat-load.mjs --placement room, a what-if) has all its members on that node
  const nodeOf = (r, j) => r.home ?? j % job.wsUrls.length;
  // (--placement hint: through the load balancer, each member with ?node= from its own answer: m.wsUrl)
  const members = job.rooms.flatMap((r) => r.members.map((m, j) => [m, r.roomId, m.wsUrl ?? job.wsUrls[nodeOf(r, j)], nodeOf(r, j)]));
  // each join's start (ms after this process's first) beside its latency (join26): when in the phase the slow ones start
  const latencies = [], startedMs = [], t0 = now();
  let next = 0;
  async function lane() {
    while (next < members.length) {
      const [m, roomId, wsUrl, node] = members[next++];
      const r = await connectOne(m, roomId, wsUrl, node);
      if (r) { clients.push(r); latencies.push(r.ms); startedMs.push(+(r.started - t0).toFixed(1)); }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, inflight) }, lane));
  return { latencies, startedMs };
}

/** Sends `rate` lines/s in 10 ms ticks, rotating senders so each client sends rate/clients per second. */
function chat(rate, until) {
  return new Promise((resolve) => {
    let owed = 0, last = now(), turn = 0;
    const tick = setInterval(() => {
      const t = now();
      const st = stalls[secondOf(t)];
      if (st) st.tickGapMaxMs = Math.max(st.tickGapMaxMs, t - last);
      if (t >= until) { clearInterval(tick); resolve(); return; }
      owed += (t - last) * rate / 1000;
      last = t;
      for (; owed >= 1 && clients.length > 0; owed--) {
        const c = clients[turn++ % clients.length];
        if (!c.client.connected) continue;
        const text = `${now().toFixed(3)}|${seq++}|${c.node}|`.padEnd(40, '.');
        c.client.publish({ destination: `/app/rooms/${c.roomId}/chat`, body: JSON.stringify({ text }), headers: { 'content-type': 'application/json' } });
        sent++;
      }
    }, 10);
  });
}

/**
 * --client-cpu-prof DIR: V8's sampling profiler in this process over the measured window only (not the joins, not the
 * warm-up), written as DIR/client-<pid>.cpuprofile (Chrome DevTools format; cpu-prof-split.mjs sums it by layer).
 * 500 µs samples: the profiler costs this process some CPU, so a profiled run's figures are for shares, not for A/B.
 */
async function cpuProfile(dir, from, to) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await new Promise((ok) => setTimeout(ok, Math.max(0, from - now())));
  await session.post('Profiler.start');
  await new Promise((ok) => setTimeout(ok, Math.max(0, to - now())));
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(`${dir}/client-${process.pid}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
}

/**
 * --client-cpu-prof DIR over the STOMP joins instead (session 22, join26): the same 500 µs sampler from this process's
 * first join to its last RECEIPT, into DIR/client-<pid>-joins.cpuprofile. Returns the function that stops it.
 */
async function joinsCpuProfile(dir) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${dir}/client-${process.pid}-joins.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  };
}

process.on('message', async (msg) => {
  if (msg.cmd === 'connect') {
    job = msg.job;
    outside.split = newSplit();
    clients = []; failed = 0; // a process that made a warm round before (join26): this round's clients only
    // this process's event-loop delay over its joins: how late a ready RECEIPT was read (part of every join's time)
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const stopProf = job.cpuProfDir ? await joinsCpuProfile(job.cpuProfDir) : null;
    // V8's collections over the joins (join26): how much of the loop's delay is the collector's pauses
    const gc = { n: 0, ms: 0, maxMs: 0 };
    const gcJoins = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { gc.n++; gc.ms += e.duration; gc.maxMs = Math.max(gc.maxMs, e.duration); }
    });
    gcJoins.observe({ entryTypes: ['gc'] });
    loop.enable();
    const { latencies, startedMs } = await connectAll(msg.inflight);
    loop.disable();
    gcJoins.disconnect();
    if (stopProf) await stopProf();
    process.send({ evt: 'connected', latencies, startedMs, failed, loop: { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 },
      gc: { n: gc.n, ms: +gc.ms.toFixed(1), maxMs: +gc.maxMs.toFixed(1) } });
  } else if (msg.cmd === 'chat') {
    job.measureFrom = msg.measureFrom;
    job.measureTo = msg.measureTo;
    const secs = Math.ceil((msg.measureTo - msg.measureFrom) / 1000);
    perSecond = Array.from({ length: secs }, newSecond);
    split = Array.from({ length: secs }, newSplit);
    stalls = Array.from({ length: secs }, () => ({ gcMs: 0, gcMaxMs: 0, tickGapMaxMs: 0 }));
    gcObserver.observe({ entryTypes: ['gc'] });
    const prof = job.cpuProfDir ? cpuProfile(job.cpuProfDir, msg.measureFrom, msg.measureTo) : null;
    // this process's own event-loop delay while it chats: the part of a line's latency spent waiting for the client
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    await chat(msg.rate, msg.stopAt);
    loop.disable();
    gcObserver.disconnect();
    await prof;
    const size = job.roomSize;
    const refusedLines = Object.values(refused).reduce((a, b) => a + b, 0);
    const expected = () => (sent - refusedLines) * size;
    const drainUntil = now() + 10_000;
    while (received < expected() && now() < drainUntil) await new Promise((ok) => setTimeout(ok, 50));
    const buckets = [];
    hist.forEach((n, i) => { if (n) buckets.push([i, n]); });
    process.send({ evt: 'chatted', sent, received, measured, expected: expected(), refused, buckets, bucketMs: BUCKET_MS, perSecond, split, stalls,
      loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } });
  } else if (msg.cmd === 'leave') {
    // join26: the round's clients leave (as at 'close') and the process stays for the next round, its V8 warm
    await Promise.all(clients.map((c) => c.client.deactivate().catch(() => {})));
    clients = [];
    process.send({ evt: 'left' });
  } else if (msg.cmd === 'close') {
    await Promise.all(clients.map((c) => c.client.deactivate().catch(() => {})));
    process.exit(0);
  }
});
// join26: loaded (Node's start, ws and stompjs imported, once per process as once per browser page): the driver waits
// for this before it reads the processes' CPU and starts the joins, so that start is neither a join's CPU nor run
// beside the first joins
process.send({ evt: 'ready' });
