// The STOMP join alone, light enough to run beside other work (issue 19): one lobby, one client process, a few joins
// in flight. Not a test: it writes a report and asserts nothing.
//   node stomp-joins.mjs [--jar ../target/lobby-service.jar] [--rounds 12] [--per-round 200] [--inflight 4] [--label L] [--stacks] [--syscalls] [--vthreads]
// Players, rooms and seats are made first (REST, not measured); then in each round --per-round of them make the STOMP
// join of chat-load.mjs (upgrade GET /ws, CONNECT with the token, SUBSCRIBE to their errors and their room's chat with
// a receipt) and stay connected, as in chat-load.mjs. Per round: the lobby's CPU per join (/proc, with and without
// its JIT threads), the JIT's compiles, and the bytes the lobby allocated per join (JFR's per-thread allocation
// totals, sampled every 100 ms; the rounds are 400 ms apart so each round's ends fall in quiet gaps). Per-round
// figures of a warm lobby change little with the machine's load, unlike chat-load.mjs's 160-in-flight wall times.
// Per round also, load-independent: the lobby's context switches per join (voluntary and not, summed over its threads'
// /proc/<pid>/task/*/status; a thread that ends inside a round takes its count with it) and its CPU split into user and
// system time; with --syscalls (perf, root or perf_event_paranoid <= 1) its system calls per join by kind, counted by
// `perf stat -p` over the round (the threads alive when the round starts and those they start).
// Report: reports/<label>-stomp-joins.json; the lobby's recording stays in reports/<label>-alloc.jfr.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority } from 'node:os';
import { Client } from '@stomp/stompjs';
import WebSocket from 'ws';
import { restClient } from './rest-client.mjs';
import { cpuSeconds, jitCounters, jitDelta, loadavg, startLobby } from './proc.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const int = (name, dflt, lo, hi) => Math.min(hi, Math.max(lo, Number(arg(name, dflt)) | 0));
const ROOM = 8;
const ROUNDS = int('rounds', 12, 1, 40);
const PER_ROUND = Math.floor(int('per-round', 200, ROOM, 1000) / ROOM) * ROOM;
const INFLIGHT = int('inflight', 4, 1, 32);
const LABEL = arg('label', 'joins');
const JVM = (arg('jvm-args', '') || '').split(/\s+/).filter(Boolean);
const EXTRA = (arg('lobby-args', '') || '').split(/\s+/).filter(Boolean);
// --stacks: also allocation samples (up to 5,000/s) and 1 ms execution samples with their stacks, for jfr-joins.py
const STACKS = process.argv.includes('--stacks');
const SYSCALLS = process.argv.includes('--syscalls');
// --vthreads: JFR's virtual-thread starts and ends and every platform thread's park (no threshold), counted per join
// in each round's window by thread name or where it parked (issue 19, session 23; JfrVirtualThreads.java)
const VTHREADS = process.argv.includes('--vthreads');
const SYSCALL_EVENTS = ['raw_syscalls:sys_enter', 'context-switches', ...['read', 'write', 'writev', 'futex', 'epoll_wait', 'epoll_ctl', 'accept', 'accept4', 'setsockopt', 'getsockopt', 'sched_yield']
  .map((c) => `syscalls:sys_enter_${c}`)];
const JAVA_BIN = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/` : '';
const hardStop = setTimeout(() => { console.error('stomp-joins: hard time limit reached'); process.exit(3); }, 600_000);
hardStop.unref();
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

mkdirSync('reports', { recursive: true });
// per-thread allocation totals every 100 ms, nothing else recorded
const jfc = `${process.cwd()}/reports/${LABEL}-alloc.jfc`;
writeFileSync(jfc, `<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0"><event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">100 ms</setting></event>${STACKS
  ? '<event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="throttle">5000/s</setting></event>'
  + '<event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="period">1 ms</setting></event>' : ''}${VTHREADS
  ? ['jdk.VirtualThreadStart', 'jdk.VirtualThreadEnd', 'jdk.ThreadPark'].map((e) => `<event name="${e}"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">0 ms</setting></event>`).join('') : ''}</configuration>
`);
const jfrFile = `${process.cwd()}/reports/${LABEL}-alloc.jfr`;
const port = await new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
const lobby = await startLobby({ jar: arg('jar', '../target/lobby-service.jar'), java: arg('java', 'java'), heap: '2g', port, extra: EXTRA,
  jvm: [...(STACKS || VTHREADS ? ['-XX:FlightRecorderOptions:stackdepth=512'] : []), `-XX:StartFlightRecording=name=alloc,settings=${jfc},filename=${jfrFile}`, ...JVM], log: openSync(`reports/${LABEL}-lobby.log`, 'w') });
process.on('exit', () => lobby.kill('SIGTERM'));
setPriority(19);
const pid = lobby.pid, url = `http://127.0.0.1:${port}`, wsUrl = `ws://127.0.0.1:${port}/ws`;
const post = restClient('node', 16);

function jitCpu() {
  let sum = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try { if (/^C\d CompilerThre/.test(readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8'))) sum += cpuSeconds(`${pid}/task/${t}`); } catch { /* gone */ }
  }
  return sum;
}
// voluntary and involuntary context switches so far, summed over the lobby's live threads
function contextSwitches() {
  let v = 0, n = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const st = readFileSync(`/proc/${pid}/task/${t}/status`, 'utf8');
      v += Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(st)[1]);
      n += Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(st)[1]);
    } catch { /* gone */ }
  }
  return [v, n];
}
// [user, system] CPU seconds of the lobby so far
function userSystem() {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [Number(f[11]) / TICKS, Number(f[12]) / TICKS];
}
const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
// perf stat over the lobby until stopped; resolves to {event: count}
function perfStat() {
  const p = spawn('perf', ['stat', '-x', ',', '-e', SYSCALL_EVENTS.join(','), '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  p.stderr.on('data', (d) => { err += d; });
  const done = new Promise((ok) => p.on('exit', () => {
    const counts = {};
    for (const line of err.split('\n')) {
      const f = line.split(',');
      if (f.length > 2 && /^\d+$/.test(f[0])) counts[f[2].replace(/^(raw_)?syscalls:sys_enter_?/, '') || 'all'] = Number(f[0]);
    }
    ok(counts);
  }));
  return { stop: () => { p.kill('SIGINT'); return done; } };
}
async function each(items, inflight, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: inflight }, async () => { while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); } }));
  return out;
}

// players, rooms and seats for every round (not measured)
const tag = Math.random().toString(36).slice(2, 6);
const total = ROUNDS * PER_ROUND;
log(`lobby ${pid} up; ${total} sign-ups, rooms and joins`);
const players = await each(Array.from({ length: total }, (_, i) => i), 16, (i) => post(url, '/api/players/guest', null, { name: `s${tag}${i}` }));
const rooms = await each(Array.from({ length: total / ROOM }, (_, r) => r), 16,
  (r) => post(url, '/api/rooms', players[r * ROOM].token, { name: `sj ${tag} ${r}`, capacity: ROOM }));
await each(Array.from({ length: total - total / ROOM }, (_, k) => k), 16, (k) => {
  const r = Math.floor(k / (ROOM - 1));
  return post(url, `/api/rooms/${rooms[r].id}/join`, players[r * ROOM + 1 + (k % (ROOM - 1))].token, {});
});

const clients = [];
function join(i) {
  const p = players[i], roomId = rooms[Math.floor(i / ROOM)].id, receipt = `r-${i}`;
  return new Promise((ok, fail) => {
    const c = new Client({ webSocketFactory: () => new WebSocket(wsUrl, ['v12.stomp']), connectHeaders: { Authorization: `Bearer ${p.token}` },
      heartbeatIncoming: 10_000, heartbeatOutgoing: 10_000, reconnectDelay: 0, debug: () => {} });
    const timer = setTimeout(() => fail(new Error(`join ${i}: no receipt within 30 s`)), 30_000);
    c.onConnect = () => {
      c.subscribe('/user/queue/errors', () => {});
      c.watchForReceipt(receipt, () => { clearTimeout(timer); clients.push(c); ok(); });
      c.subscribe(`/topic/rooms/${roomId}/chat`, () => {}, { receipt });
    };
    c.onStompError = (f) => { clearTimeout(timer); fail(new Error(`join ${i}: ${f.headers.message}`)); };
    c.activate();
  });
}

const report = { label: LABEL, rounds: ROUNDS, perRound: PER_ROUND, inflight: INFLIGHT, loadBefore: loadavg(), round: [] };
await sleep(400);
for (let r = 0; r < ROUNDS; r++) {
  const j0 = jitCounters(`${JAVA_BIN}jcmd`, pid);
  await sleep(400);
  const perf = SYSCALLS ? perfStat() : null;
  if (perf) await sleep(300); // perf attached to every thread before the round starts
  const from = new Date(), cpu0 = cpuSeconds(pid), jit0 = jitCpu(), cs0 = contextSwitches(), us0 = userSystem(), t0 = performance.now();
  await each(Array.from({ length: PER_ROUND }, (_, k) => r * PER_ROUND + k), INFLIGHT, join);
  const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds(pid) - cpu0, jit = jitCpu() - jit0, cs1 = contextSwitches(), us1 = userSystem(), to = new Date();
  const syscalls = perf ? await perf.stop() : null;
  await sleep(400);
  const each1 = (x) => +(x / PER_ROUND).toFixed(2);
  report.round.push({ window: [from.toISOString(), to.toISOString()], wallSeconds: +wall.toFixed(2), cpuMsEach: +(1000 * cpu / PER_ROUND).toFixed(3),
    cpuMsEachWithoutJit: +(1000 * (cpu - jit) / PER_ROUND).toFixed(3), userMsEach: +(1000 * (us1[0] - us0[0]) / PER_ROUND).toFixed(3),
    systemMsEach: +(1000 * (us1[1] - us0[1]) / PER_ROUND).toFixed(3), voluntarySwitchesEach: each1(cs1[0] - cs0[0]), involuntarySwitchesEach: each1(cs1[1] - cs0[1]),
    ...(syscalls ? { syscallsEach: Object.fromEntries(Object.entries(syscalls).map(([k, v]) => [k, each1(v)])) } : {}),
    jit: jitDelta(j0, jitCounters(`${JAVA_BIN}jcmd`, pid)) });
  log(`round ${r + 1}/${ROUNDS}`, JSON.stringify(report.round.at(-1)));
}
report.loadAfter = loadavg();
execFileSync(`${JAVA_BIN}jcmd`, [String(pid), 'JFR.stop', 'name=alloc'], { timeout: 60_000 });

// bytes allocated in each round's window: per thread, its total at the last sample before the window minus at the
// first sample after it (a thread that started inside the window from 0); JFR's own threads left out
const out = execFileSync(`${JAVA_BIN}jfr`, ['print', '--events', 'jdk.ThreadAllocationStatistics', jfrFile], { maxBuffer: 1 << 30 }).toString();
const samples = new Map(); // thread id -> [[ms of day, bytes, name]]
const unit = { byte: 1, bytes: 1, kB: 1024, MB: 1 << 20, GB: 1 << 30 };
const dayMs = (hms) => { const [h, m, s] = hms.split(':'); return ((+h * 60) + +m) * 60_000 + 1000 * +s; };
for (const ev of out.split('jdk.ThreadAllocationStatistics {').slice(1)) {
  const t = /startTime = (\d\d:\d\d:\d\d\.\d+)/.exec(ev), a = /allocated = ([\d.]+) (\w+)/.exec(ev), th = /thread = "([^"]*)" \(javaThreadId = (\d+)\)/.exec(ev);
  if (!t || !a || !th || /JFR|Flight/i.test(th[1])) continue;
  if (!samples.has(th[2])) samples.set(th[2], []);
  samples.get(th[2]).push([dayMs(t[1]), Number(a[1]) * unit[a[2]], th[1]]);
}
// jfr prints local times; the windows are UTC: the machine's offset, in ms
const offset = -new Date().getTimezoneOffset() * 60_000;
for (const round of report.round) {
  const lo = dayMs(round.window[0].slice(11, 23)) + offset, hi = dayMs(round.window[1].slice(11, 23)) + offset;
  let bytes = 0;
  const byThread = {};
  for (const list of samples.values()) {
    const before = list.filter(([t]) => t <= lo).at(-1), after = list.find(([t]) => t >= hi);
    if (!after) continue;
    const d = after[1] - (before ? before[1] : 0);
    bytes += d;
    const name = after[2].replace(/\d+/g, 'N');
    byThread[name] = (byThread[name] ?? 0) + d;
  }
  round.allocatedKiBEach = +(bytes / 1024 / PER_ROUND).toFixed(1);
  round.allocatedKiBEachByThread = Object.fromEntries(Object.entries(byThread).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 8)
    .map(([k, v]) => [k, +(v / 1024 / PER_ROUND).toFixed(1)]));
}
if (VTHREADS) countVirtualThreads();
// the later half of the rounds: a warm lobby
const late = report.round.slice(Math.floor(ROUNDS / 2));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
report.lateHalf = { cpuMsEach: median(late.map((r) => r.cpuMsEach)), cpuMsEachWithoutJit: median(late.map((r) => r.cpuMsEachWithoutJit)),
  userMsEach: median(late.map((r) => r.userMsEach)), systemMsEach: median(late.map((r) => r.systemMsEach)),
  allocatedKiBEach: median(late.map((r) => r.allocatedKiBEach)), voluntarySwitchesEach: median(late.map((r) => r.voluntarySwitchesEach)),
  involuntarySwitchesEach: median(late.map((r) => r.involuntarySwitchesEach)),
  ...(SYSCALLS ? { syscallsEach: Object.fromEntries(Object.keys(late[0].syscallsEach ?? {}).map((k) => [k, median(late.map((r) => r.syscallsEach?.[k] ?? 0))])) } : {}),
  compiles: late.reduce((a, r) => a + (r.jit?.compiles ?? 0), 0),
  ...(VTHREADS ? { virtualThreads: Object.fromEntries(['startsEach', 'endsEach', 'virtualParksEach', 'platformParksEach'].map((k) => [k, median(late.map((r) => r.virtualThreads[k]))])),
    started: medianKeys(late.map((r) => r.virtualThreads.started)),
    platformParkedAt: medianKeys(late.map((r) => r.virtualThreads.platformParkedAt)) } : {}) };
function medianKeys(maps) {
  const keys = new Set(maps.flatMap((m) => Object.keys(m)));
  return Object.fromEntries([...keys].map((k) => [k, median(maps.map((m) => m[k] ?? 0))]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]));
}
// for jfr-joins.py (--stacks): the late half's span, jcmd's pauses between rounds included (its own thread)
report.stompJoins = { window: [late[0].window[0], late.at(-1).window[1]] };
writeFileSync(`reports/${LABEL}-stomp-joins.json`, JSON.stringify(report, null, 2));
log('late half (medians):', JSON.stringify(report.lateHalf));
/**
 * Per round, per join: virtual threads started and ended (keyed by name: a start is recorded on the new thread), and
 * parks of platform threads by where they parked (JDK 25 records no jdk.ThreadPark for a virtual thread's park).
 * JfrVirtualThreads.java streams the recording: its JSON print is too large for a Node string.
 */
function countVirtualThreads() {
  const out = execFileSync(`${JAVA_BIN}java`, [`${import.meta.dirname}/JfrVirtualThreads.java`, jfrFile, String(PER_ROUND), ...report.round.flatMap((r) => r.window)],
    { maxBuffer: 64 << 20 }).toString().trim().split('\n');
  report.round.forEach((round, i) => { round.virtualThreads = JSON.parse(out[i]); });
}
await Promise.all(clients.map((c) => c.deactivate().catch(() => {})));
process.exit(0);
