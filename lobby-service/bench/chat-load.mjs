// Chat fan-out load driver for the lobby (issue 19). Not a test: it writes a report and asserts nothing.
//   node chat-load.mjs --jar ../target/lobby-service.jar [--clients 4000] [--rate 8000] [--seconds 20] ...
// or against a running lobby: --url http://127.0.0.1:8080 --pid <lobby pid>. Loopback only; the lobby runs at normal
// priority, this driver and its client processes at nice 19 (run it under `chrt --idle 0` for SCHED_IDLE).
// Several nodes (issue 15): --nodes 2 starts that many (one after the other), or --url a,b --pid p1,p2 names running
// ones. REST calls go round the nodes and each room's members are spread over them (member j on node j mod n), so a
// line crosses nodes (--placement room, a what-if: every member of room r on node r mod n, see the help); CPU and RSS are summed over all lobby processes. With profile cluster in --lobby-args the
// database and relay come from the environment (SKIRMISH_DB_URL, SKIRMISH_RELAY_*; see cluster-bench.sh) and
// RabbitMQ's CPU is reported apart (--broker-pid, or the beam.smp listening on --broker-port, default 61613).
import { execFile, execFileSync, fork, spawn } from 'node:child_process';
import { appendFileSync, openSync, mkdirSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { cpus, setPriority } from 'node:os';
import { randomBytes } from 'node:crypto';
import { restClient } from './rest-client.mjs';
import { gcLogArgs, gcWindow } from './gc-log.mjs';
import { scrape, scrapeCounters, serverLatency, loopDelay, runQueueWait, schedByGroup, schedDelta, SERVER_VIEW_ARGS } from './server-view.mjs';
import { cpuSeconds, cpuSecondsByName, cpuDelta, machineCpu, rssKiB, loadavg, startLobby, percentiles, rabbitPid, writeCalls, jitCounters, jitCountersFromPerfData, jitDelta, tcpPassiveOpens } from './proc.mjs';

if (process.argv.includes('--help')) {
  console.log(`node chat-load.mjs [options]   (report: reports/<label>.json; docs/benchmarks.md explains every field)
  --clients N (4000) --room-size N (8) --rate LINES_PER_S (8000) --seconds S (20) --warmup S (5)
  --inflight N (160 sign-ups/joins at a time, split over the processes) --procs N (2 client processes) --label NAME (run)
  --rest-procs N (--procs)  processes making the REST calls (sign-ups, rooms, joins), each with its share of the calls
                in flight; 0 = all in this driver process (one event loop, as before 2026-12-05 22:30)
  --jar PATH (../target/lobby-service.jar) --java PATH --heap SIZE (2g) --lobby-args "..." --jvm-args "..."
  --client-semi-space MB (32)  V8 semi-space (young generation) of the chatting client processes: fewer scavenges
                per delivery; 0 = V8's default (as before session 21)
  --client-nice N (19)  the chatting client processes' nice value (the driver stays at 19; the lobbies run at 0)
  --nodes N (1) | --url http://127.0.0.1:P[,..] --pid PID[,..]   --broker-pid PID --broker-port P (61613)
  --placement spread|room|hint (spread)  which node a member's STOMP connection goes to with several nodes: spread =
                member j of every room on node j mod n (the rooms' lines cross nodes, as HAProxy's balancing does today);
                room = every member of room r on node r mod n (a what-if of room affinity, straight to the node);
                hint = the real client path of room affinity (route28): the nodes started here are named lobby-1..n
                (skirmish.cluster.node-name), HAProxy (haproxy on the PATH, started here on loopback, leastconn and
                the use-server rules of docker/haproxy) stands in front of them and every member connects through it
                with ?node= from its own create or join answer; the report's hint says where each upgrade landed
                (HAProxy's log: reports/<label>-haproxy.log) and haproxyCpuUsPerDelivery what the extra hop cost.
                balanced = the same HAProxy and node names, every member through it WITHOUT ?node= (HAProxy's leastconn
                spreads a room's members as it does for a client that ignores the hint: spread's path with the
                balancer's hop, the base to compare hint with; the report's split by node is then the harness's guess,
                hint.byServer is where HAProxy put them). Needs profile cluster and nodes started here. REST calls
                unchanged in all four (round the nodes)
  --gc-log      each lobby's GC and safepoint log (reports/<label>-gc-<pid>.log); the report's gcInChat: collections by
                kind and stop-the-world pauses (count, total, longest, by VM operation) inside the measured window
  --histogram   jcmd class histogram (+ NMT if enabled) at idle and connected: reports/<label>-{idle,connected}.txt
  --warm-rounds N (0)  rounds of sign-ups, rooms, joins and STOMP joins (--clients each) on the same lobby before the
                measured one, whose clients then leave: the join figures of a warm lobby, not of its JIT warm-up; the
                measured round's client processes make the warm rounds' STOMP joins too (V8 warm as the lobby's JIT is)
  --fresh-clients  new client processes for every warm round and for the measured one (as before session 22)
  --jfr         JFR (settings=profile, method-profiling=max: 1 ms samples) of the first lobby over the measured joins only: reports/<label>-joins.jfr
  --joins-only  stop after the STOMP joins (no chat phase)
  --http-client node|fetch  the REST calls through Node's http module with a keep-alive agent (default) or fetch
  --no-server-view  without the lobby's own latency per REST phase (serverLatency: its http.server.requests histogram,
                read with a random service key; BENCH_SERVICE_KEY=... with --url) and the driver's event-loop delay
  --chat-jfr    JFR (settings=profile, 1 ms samples) of the first lobby over the measured chat window only (after
                --warmup, which warms the chat path's JIT): reports/<label>-chat.jfr
  --chat-asprof OPTS  async-profiler in every lobby over the measured chat window only (e.g. "event=cpu,interval=1ms,threads";
                "event=alloc,interval=256k,total": with total the stacks count bytes, not samples;
                ASPROF_LIB or /tmp/asprof/libasyncProfiler.so): reports/<label>-asprof-<pid>.collapsed (for shares: it costs CPU)
  --client-cpu-prof DIR  V8's CPU profile of every chatting client process over the measured window only:
                DIR/client-<pid>.cpuprofile, and over the measured STOMP joins (first join to last RECEIPT):
                DIR/client-<pid>-joins.cpuprofile; node cpu-prof-split.mjs FILES sums it by layer (for shares: the
                profiler costs the clients CPU, so such a run's figures are not for an A/B)
  --chat-perf-stat EVENTS  perf stat -e EVENTS -p <every lobby> over the window: reports/<label>-perfstat.txt
  --window-scrapes S[,S..]  diagnostic (scrape27): one more scrape of every lobby at once S seconds into the window (e.g.
                "5,10,15"), each lobby's scrape wall time in the report's windowScrapes; compare those seconds' over50Ms
                and cpu with their neighbours' (off by default: the figures of a run with it are not for an A/B)
  --scrape-stagger MS  diagnostic: the second lobby's scrapes MS after the first's (default 0: both at once)
  --window-hook CMD  runs "CMD from LABEL" 1.5 s before the window and "CMD to LABEL" 0.5 s after it (outside the CPU
                snapshots: its own processes are not in the window's figures), e.g. ./pg-window.sh (PostgreSQL's
                statements, WAL and commits over the window): output in reports/<label>-window.txt`);
  process.exit(0);
}
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const int = (name, dflt, lo, hi) => Math.min(hi, Math.max(lo, Number(arg(name, dflt)) | 0));
const ROOM = int('room-size', 8, 2, 10);
const CLIENTS = Math.floor(int('clients', 4000, ROOM, 10_000) / ROOM) * ROOM;
const RATE = int('rate', 8000, 1, 20_000); // chat lines in per second, all rooms
const SECONDS = int('seconds', 20, 1, 600);
const WARMUP = int('warmup', 5, 0, 120);
const INFLIGHT = int('inflight', 160, 1, 1000);
const PROCS = int('procs', 2, 1, 8);
// the REST calls' processes (default: --procs): each makes its share of the calls in flight; 0 = in this process
const REST_PROCS = int('rest-procs', PROCS, 0, 8);
const NODES = int('nodes', 1, 1, 4);
// affinity27: spread (today's) or room (every member of room r on node r mod n: what room affinity would buy)
const PLACEMENT = arg('placement', 'spread');
if (!['spread', 'room', 'hint', 'balanced'].includes(PLACEMENT)) throw new Error('--placement spread|room|hint|balanced');
/** hint and balanced: the nodes named and HAProxy in front of them (balanced: members connect without the hint). */
const VIA_LB = PLACEMENT === 'hint' || PLACEMENT === 'balanced';
// route28: the names of the nodes started here with --placement hint, HAProxy's server names for them
const NODE_NAMES = Array.from({ length: NODES }, (_, n) => `lobby-${n + 1}`);
/** A member as the client processes get it; with --placement hint its connection's URL, from its own answer's node. */
const memberOf = (p, answer) => (PLACEMENT === 'hint'
  ? { id: p.id, token: p.token, node: answer?.node ?? null, wsUrl: lbWs + (answer?.node ? `?node=${encodeURIComponent(answer.node)}` : '') }
  : PLACEMENT === 'balanced' ? { id: p.id, token: p.token, node: answer?.node ?? null, wsUrl: lbWs }
  : { id: p.id, token: p.token });
/**
 * The rooms as a client process gets them: with --placement room each names its home node (r mod the nodes); with
 * hint its home is the node its owner's answer named (for the report's local/cross split: where HAProxy put each
 * member is in the report's hint, from HAProxy's own log).
 */
const placed = (rs) => rs.map((room, r) => (PLACEMENT === 'room' ? { ...room, home: r % urls.length }
  : PLACEMENT === 'hint' ? { ...room, home: Math.max(0, NODE_NAMES.indexOf(room.members[0]?.node)) } : room));
const CLIENT_NICE = int('client-nice', 19, -20, 19);
const CLIENT_SEMI_SPACE = int('client-semi-space', 32, 0, 256);
const LABEL = arg('label', 'run');
const EXTRA = (arg('lobby-args', '') || '').split(/\s+/).filter(Boolean);
// e.g. --jvm-args "-XX:StartFlightRecording=filename=reports/lobby.jfr,settings=profile" to profile the lobby
const JVM = (arg('jvm-args', '') || '').split(/\s+/).filter(Boolean);
// memory per connection by owner: jcmd's class histogram (and NMT when --jvm-args has -XX:NativeMemoryTracking=summary)
// of the first lobby before the sign-ups and with everyone connected, into reports/<label>-{idle,connected}.txt
const HISTOGRAM = process.argv.includes('--histogram');
// --gc-log: each lobby's collections and stop-the-world pauses, summed over the measured window (report.gcInChat)
const GC_LOG = process.argv.includes('--gc-log');
const WARM_ROUNDS = int('warm-rounds', 0, 0, 10);
// join26: the measured round's client processes make the warm rounds' STOMP joins too (their clients leave after each
// round), so V8 has compiled ws's and stompjs's code as the lobby's JIT has compiled its own; --fresh-clients: new
// processes for every round and for the measured one, as before
const FRESH_CLIENTS = process.argv.includes('--fresh-clients');
const JFR = process.argv.includes('--jfr');
const JOINS_ONLY = process.argv.includes('--joins-only');
const CHAT_JFR = process.argv.includes('--chat-jfr');
// --chat-asprof OPTS: async-profiler (ASPROF_LIB, /tmp/asprof/libasyncProfiler.so) attached to every lobby over the
// measured chat window only, collapsed stacks in reports/<label>-asprof-<pid>.collapsed (shares only: it costs CPU)
const CHAT_ASPROF = arg('chat-asprof', '');
// --chat-perf-stat EVENTS: perf stat of every lobby over the window (syscalls, context switches) into reports/<label>-perfstat.txt
const CHAT_PERF_STAT = arg('chat-perf-stat', '');
// --window-hook CMD (pg26): a command at each end of the window, run outside it (see --help)
const WINDOW_HOOK = arg('window-hook', '');
// --window-scrapes / --scrape-stagger (scrape27): scrapes at known instants inside the window, to measure what one costs
const WINDOW_SCRAPES = (arg('window-scrapes', '') || '').split(',').filter(Boolean).map(Number).filter((s) => s > 0 && s < 600);
const SCRAPE_STAGGER = int('scrape-stagger', 0, 0, 5000);
const SERVER_VIEW = !process.argv.includes('--no-server-view');
// --client-cpu-prof DIR: the client processes' V8 CPU profile over the measured window (clients.mjs writes it)
const CLIENT_CPU_PROF = arg('client-cpu-prof', '');
if (CLIENT_CPU_PROF) mkdirSync(CLIENT_CPU_PROF, { recursive: true });
// the lobby's metrics need the service key: a random one for a lobby started here (in its environment, not its command line)
const SERVICE_KEY = SERVER_VIEW ? (arg('url') ? process.env.BENCH_SERVICE_KEY : randomBytes(24).toString('hex')) : undefined;
const hardStop = setTimeout(() => { console.error('driver: hard time limit reached'); process.exit(3); }, (SECONDS + WARMUP + 900 * (1 + WARM_ROUNDS)) * 1000);
hardStop.unref();

const freePort = () => new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

const lobbies = [];
let urls = (arg('url') || '').split(',').filter(Boolean), pids = (arg('pid') || '').split(',').filter(Boolean).map(Number);
const stop = () => { for (const l of lobbies) l.kill('SIGTERM'); };
process.on('exit', stop);
if (urls.length === 0) {
  mkdirSync('reports', { recursive: true });
  // profiles postgres and cluster bring their own database (from the environment); the default gets a fresh H2
  const h2 = !EXTRA.some((a) => /^--spring\.profiles\.active=.*\b(postgres|cluster)\b/.test(a));
  for (let n = 0; n < NODES; n++) { // one after the other: the first applies the migrations
    const port = await freePort();
    lobbies.push(await startLobby({ jar: arg('jar', '../target/lobby-service.jar'), java: arg('java', 'java'), heap: arg('heap', '2g'), port,
      extra: [...(SERVER_VIEW ? SERVER_VIEW_ARGS : []), ...EXTRA, ...(VIA_LB ? [`--skirmish.cluster.node-name=${NODE_NAMES[n]}`] : [])], jvm: [...(GC_LOG ? gcLogArgs(LABEL) : []), ...JVM], h2, env: SERVICE_KEY ? { SKIRMISH_SERVICE_KEY: SERVICE_KEY } : {}, log: openSync(`reports/${LABEL}-lobby${NODES > 1 ? `-${n + 1}` : ''}.log`, 'w') }));
    urls.push(`http://127.0.0.1:${port}`);
  }
  pids = lobbies.map((l) => l.pid);
} else if (VIA_LB) throw new Error(`--placement ${PLACEMENT} names the nodes it starts: no --url`);
const lb = VIA_LB ? await balancer() : null;
const lbWs = lb ? `ws://127.0.0.1:${lb.port}/ws` : null;

/**
 * --placement hint: HAProxy in front of the nodes as docker/haproxy/haproxy.cfg has it (leastconn, readiness checks,
 * one use-server rule per node on ?node=), logging each WebSocket upgrade's backend server and request line as soon
 * as it is answered (logasap), so the report can say where every hinted connection landed.
 */
async function balancer() {
  const port = await freePort();
  // maxconn: two descriptors a connection, and 10000 would need more than this machine's limit of 20000
  const cfg = ['global', '    maxconn 9000', '    log stdout format raw local0', 'defaults', '    mode http', '    log global',
    '    option logasap', '    log-format "%s %{+Q}r"', '    timeout connect 5s', '    timeout client 60s', '    timeout server 60s', '    timeout tunnel 1h',
    'frontend lobby', `    bind 127.0.0.1:${port}`, '    default_backend lobby_nodes', 'backend lobby_nodes', '    balance leastconn',
    '    option httpchk GET /actuator/health/readiness', '    http-check expect status 200', '    default-server inter 500ms fall 2 rise 2',
    ...NODE_NAMES.map((n) => `    use-server ${n} if { urlp(node) -m str ${n} }`),
    ...urls.map((u, k) => `    server ${NODE_NAMES[k]} ${u.replace('http://', '')} check`), ''].join('\n');
  writeFileSync(`reports/${LABEL}-haproxy.cfg`, cfg);
  const log = `reports/${LABEL}-haproxy.log`;
  const p = spawn(process.env.HAPROXY ?? 'haproxy', ['-db', '-f', `reports/${LABEL}-haproxy.cfg`], { stdio: ['ignore', openSync(log, 'w'), 'inherit'] });
  process.on('exit', () => p.kill('SIGTERM'));
  let exited = null;
  p.on('exit', (code) => { exited = code; });
  // every server up (rise 2 at 500 ms) before the first join: a hint to a server not yet up would fall back
  for (let i = 0; i < 100; i++) {
    await new Promise((ok) => setTimeout(ok, 200));
    if (exited !== null) break;
    const up = await fetch(`http://127.0.0.1:${port}/actuator/health/readiness`).then((r) => r.ok, () => false);
    if (up) { await new Promise((ok) => setTimeout(ok, 2000)); return { port, pid: p.pid, log }; }
  }
  throw new Error(`HAProxy did not become ready on ${port}: see ${log}`);
}

/**
 * --placement hint: where HAProxy sent each member's upgrade (its log) against the node the member's answer named, and
 * whether a room's answers all named one node: the check that a room's members really share a node.
 */
function hintCheck(rooms) {
  const lines = readFileSync(lb.log, 'utf8').split('\n').filter((l) => l.includes('GET /ws'));
  const byServer = Object.fromEntries(NODE_NAMES.map((n) => [n, 0]));
  let named = 0, onNamed = 0, elsewhere = 0, unhinted = 0;
  for (const l of lines) {
    const m = /^(\S+) "GET \/ws(?:\?node=([A-Za-z0-9-]+))? /.exec(l);
    if (!m) continue;
    byServer[m[1]] = (byServer[m[1]] ?? 0) + 1;
    if (!m[2]) unhinted++;
    else if (m[1] === m[2]) { named++; onNamed++; } else { named++; elsewhere++; }
  }
  const split = rooms.filter((r) => new Set(r.members.map((m) => m.node)).size !== 1).length;
  const noNode = rooms.reduce((a, r) => a + r.members.filter((m) => !m.node).length, 0);
  return { upgrades: lines.length, hinted: named, onNamedNode: onNamed, elsewhere, unhinted, byServer, roomsWhoseAnswersNamedSeveralNodes: split, membersWithoutNode: noNode };
}
for (const u of urls) if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?$/.test(u)) throw new Error('loopback only: --url http://127.x.x.x:port[,...]');
if (pids.length !== urls.length || pids.some((p) => !p)) throw new Error('--pid of every lobby (comma separated, as --url) is needed to read CPU and RSS');
const relayed = EXTRA.some((a) => /^--spring\.profiles\.active=.*\bcluster\b/.test(a)) || arg('broker-pid');
const brokerPid = relayed ? Number(arg('broker-pid', 0)) || rabbitPid(int('broker-port', 61613, 1, 65535)) : 0;
if (relayed && !brokerPid) console.error('driver: RabbitMQ process not found (pass --broker-pid): its CPU is not reported');
// all lobby processes together
const lobbyCpu = () => pids.reduce((a, p) => a + cpuSeconds(p), 0);
const lobbyRss = () => pids.reduce((a, p) => a + rssKiB(p), 0);
const lobbyWrites = () => pids.reduce((a, p) => a + writeCalls(p), 0);
const url = urls[0];
const JCMD = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/jcmd` : 'jcmd';
setPriority(19); // the clients (forked below) inherit it; the lobbies, started before, do not

let turn = 0;
// keep-alive connections like a browser's, through Node's http module (default) or fetch (--http-client fetch)
const HTTP_CLIENT = arg('http-client', 'node');
const restPost = restClient(HTTP_CLIENT, INFLIGHT);
const post = (path, token, body) => restPost(urls[turn++ % urls.length], path, token, body);
// --rest-procs: the REST calls' processes, started once (their JIT warms with the lobby's in the warm rounds)
const restWorkers = Array.from({ length: REST_PROCS }, () => fork(new URL('./rest-worker.mjs', import.meta.url)));
await Promise.all(restWorkers.map((w) => askWorker(w, { cmd: 'init', client: HTTP_CLIENT, inflight: Math.ceil(INFLIGHT / REST_PROCS) }, 'ready')));
process.on('exit', () => restWorkers.forEach((w) => w.kill()));

/**
 * Makes the POSTs `calls` ({ path, token, body }) with `inflight` at a time, in this process or split over the REST
 * processes (call i in process i mod --rest-procs, each with its share of the calls in flight); returns their answers
 * in order, per-call ms, wall seconds and lobby CPU seconds, and with `route` ("POST /api/rooms/{id}/join") the first
 * lobby's own latency of that route and the driver's event-loop delay (the worst of the REST processes').
 */
async function phase(calls, inflight, route) {
  const n = calls.length, view0 = route ? await scrape(url, SERVICE_KEY) : null;
  const loop = route && SERVER_VIEW && !restWorkers.length ? loopDelay() : null;
  const wait0 = route ? [runQueueWait(pids[0]), restWorkers.length ? 0 : runQueueWait(process.pid, process.pid)] : null;
  const cpu0 = lobbyCpu(), jit0 = jitCpu(), opens0 = tcpPassiveOpens(), own0 = ownCpu(), t0 = performance.now(), from = new Date();
  const p = { results: new Array(n), ms: [] };
  if (restWorkers.length === 0) {
    let next = 0;
    const lane = async () => { while (next < n) { const i = next++, c = calls[i], s = performance.now(); p.results[i] = await post(c.path, c.token, c.body); p.ms.push(performance.now() - s); } };
    await Promise.all(Array.from({ length: Math.min(inflight, n) }, lane));
  } else {
    const parts = restWorkers.map(() => ({ idx: [], calls: [] }));
    calls.forEach((c, i) => { const part = parts[i % parts.length]; part.idx.push(i); part.calls.push({ base: urls[turn++ % urls.length], ...c }); });
    const done = await Promise.all(restWorkers.map((w, k) => askWorker(w, { cmd: 'calls', calls: parts[k].calls, inflight: Math.ceil(inflight / parts.length) }, 'done')));
    const failed = done.flatMap((d) => d.results.filter((r) => r?.error));
    if (failed.length) throw new Error(`${failed.length} calls failed, first: ${failed[0].error}`);
    done.forEach((d, k) => { d.results.forEach((r, j) => { p.results[parts[k].idx[j]] = r; }); p.ms.push(...d.ms); });
    p.workers = done;
  }
  Object.assign(p, { wall: (performance.now() - t0) / 1000, cpu: lobbyCpu() - cpu0, jit: jitCpu() - jit0, opens: tcpPassiveOpens() - opens0,
    client: ownCpu() - own0 + (p.workers ?? []).reduce((a, d) => a + d.cpuSeconds, 0) });
  if (loop) p.driverLoopDelay = loop();
  else if (route && SERVER_VIEW && p.workers) {
    const worst = (k) => +Math.max(...p.workers.map((d) => d.loop[k])).toFixed(1);
    p.driverLoopDelay = { p50Ms: worst('p50Ms'), p99Ms: worst('p99Ms'), maxMs: worst('maxMs'), processes: p.workers.length };
  }
  if (wait0) p.runQueue = { lobbyMsEach: +(1000 * (runQueueWait(pids[0]) - wait0[0]) / n).toFixed(3),
    // the share of the phase the driver's loop (each REST process's, averaged) waited for a core
    driverLoopShare: +(p.workers ? p.workers.reduce((a, d) => a + d.loopWaitSeconds, 0) / p.workers.length / p.wall
      : (runQueueWait(process.pid, process.pid) - wait0[1]) / p.wall).toFixed(2) };
  if (route) p.window = [from.toISOString(), new Date().toISOString()]; // to cut a --jfr profile to one phase
  if (view0) p.server = serverLatency(view0, await scrape(url, SERVICE_KEY), route);
  delete p.workers;
  return p;
}
/** This driver's own CPU seconds (it makes the REST calls): the clients' share of the two cores during a phase. */
function ownCpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const report = { label: LABEL, nodes: urls.length, placement: PLACEMENT, clients: CLIENTS, roomSize: ROOM, rateIn: RATE, seconds: SECONDS, inflight: INFLIGHT,
  lobbyArgs: EXTRA.join(' '), loadBefore: loadavg() };
/**
 * The lobby-side view's scrape in a warm round too, as often as in the measured round: the lobby then compiles its
 * Prometheus scrape while warming up, not inside the measured joins (its JIT CPU landed in their figures).
 */
async function warmView() {
  if (SERVER_VIEW) for (let i = 0; i < 2; i++) await scrape(url, SERVICE_KEY);
}

/**
 * --warm-rounds: the whole join path (sign-ups, rooms, joins, STOMP CONNECT + SUBSCRIBE with receipt) run on the same
 * lobby before the measured round, so its CPU per join is that of a warm JVM; the warm clients disconnect after each
 * round (their players and rooms stay, as a lobby's history does). Each round's figures go into report.warmRounds.
 */
async function warmRounds() {
  report.warmRounds = [];
  const lastRooms = [];
  for (let round = 1; round <= WARM_ROUNDS; round++) {
    const t = `w${round}${Math.random().toString(36).slice(2, 4)}`, ps = new Array(CLIENTS), rs = [];
    log(`warm-up round ${round}/${WARM_ROUNDS}: ${CLIENTS} sign-ups, rooms, joins, STOMP joins`);
    const counters0 = jitCounters(JCMD, pids[0]);
    await warmView();
    const su = await phase(signUpCalls(t), INFLIGHT);
    su.results.forEach((p, i) => { ps[i] = p; });
    const ro = await phase(roomCalls(ps, `warm ${t}`), INFLIGHT);
    ro.results.forEach((room, r) => { rs[r] = { roomId: room.id, members: [] }; });
    const jo = await phase(joinCalls(ps, rs), INFLIGHT);
    await warmView();
    rs.forEach((room, r) => { for (let j = 0; j < ROOM; j++) room.members.push(memberOf(ps[r * ROOM + j], j === 0 ? ro.results[r] : jo.results[r * (ROOM - 1) + j - 1])); });
    await warmView(); // the measured STOMP joins are scraped around too
    const ws = FRESH_CLIENTS ? Array.from({ length: PROCS }, () => fork(new URL('./clients.mjs', import.meta.url))) : workers;
    if (FRESH_CLIENTS) await Promise.all(ws.map(ready)); // loaded before the round starts (join26)
    const cpu0 = lobbyCpu(), jitStomp0 = jitCountersFromPerfData(pids[0]), tStomp0 = performance.now();
    const done = await Promise.all(ws.map((w, k) => askWorker(w, { cmd: 'connect', inflight: Math.ceil(INFLIGHT / PROCS),
      job: { wsUrls: urls.map((u) => u.replace('http:', 'ws:') + '/ws'), roomSize: ROOM, rooms: placed(rs).filter((_, r) => r % PROCS === k) } }, 'connected')));
    const stompCpu = lobbyCpu() - cpu0, stompWall = (performance.now() - tStomp0) / 1000, stompJit = jitDelta(jitStomp0, jitCountersFromPerfData(pids[0]));
    await Promise.all(ws.map((w) => (FRESH_CLIENTS ? closeWorker(w) : askWorker(w, { cmd: 'leave' }, 'left'))));
    report.warmRounds.push({ jitCpuSeconds: +(su.jit + jo.jit).toFixed(2), signUpCpuMsEach: +(1000 * su.cpu / CLIENTS).toFixed(3), roomJoinCpuMsEach: +(1000 * jo.cpu / jo.ms.length).toFixed(3),
      stompJoinCpuMsEach: +(1000 * stompCpu / CLIENTS).toFixed(3), stompJoinsPerSecond: +(CLIENTS / stompWall).toFixed(0), stompJit, stompFailed: done.reduce((a, c) => a + c.failed, 0),
      jit: jitDelta(counters0, jitCounters(JCMD, pids[0])) });
    log('warm-up round', round, JSON.stringify(report.warmRounds.at(-1)));
    lastRooms.push({ roomId: rs.at(-1).roomId, token: ps[CLIENTS - ROOM].token });
  }
  // the warm clients' seats are released one reconnect window (30 s) after they left: wait for that, or the releases
  // run during the measured round (a first profile had more samples in them than in the measured joins)
  const until = Date.now() + 180_000;
  for (const room of lastRooms) {
    while (Date.now() < until) {
      const r = await fetch(`${url}/api/rooms/${room.roomId}`, { headers: { authorization: `Bearer ${room.token}` }, signal: AbortSignal.timeout(10_000) });
      if (r.status === 404 || (r.status === 200 && (await r.json()).players.length === 0)) break;
      await new Promise((ok) => setTimeout(ok, 1000));
    }
  }
  if (lastRooms.length) log(Date.now() < until ? 'warm-up seats released' : 'driver: warm-up seats not released within 180 s');
}
/** A round's calls: CLIENTS guest sign-ups named prefix+i; one room per ROOM players, owned by its first; the others join. */
function signUpCalls(prefix) {
  return Array.from({ length: CLIENTS }, (_, i) => ({ path: '/api/players/guest', token: null, body: { name: `${prefix}${i}` } }));
}
function roomCalls(ps, name) {
  return Array.from({ length: CLIENTS / ROOM }, (_, r) => ({ path: '/api/rooms', token: ps[r * ROOM].token, body: { name: `${name} ${r}`, capacity: ROOM } }));
}
function joinCalls(ps, rs) {
  return Array.from({ length: CLIENTS - CLIENTS / ROOM }, (_, k) => {
    const r = Math.floor(k / (ROOM - 1));
    return { path: `/api/rooms/${rs[r].roomId}/join`, token: ps[r * ROOM + 1 + (k % (ROOM - 1))].token, body: {} };
  });
}
function askWorker(w, msg, evt) {
  return new Promise((ok) => { const h = (m) => { if (m.evt === evt) { w.off('message', h); ok(m); } }; w.on('message', h); w.send(msg); });
}
/** Resolves when a forked clients.mjs has loaded (its 'ready'), or after 30 s. */
function ready(w) {
  return new Promise((ok) => { const t = setTimeout(ok, 30_000); w.once('message', (m) => { if (m.evt === 'ready') { clearTimeout(t); ok(); } }); });
}
function closeWorker(w) {
  return new Promise((ok) => { w.once('exit', ok); w.send({ cmd: 'close' }); setTimeout(() => { w.kill(); ok(); }, 15_000).unref(); });
}
/**
 * CPU seconds of the first lobby's JIT compiler threads (C1/C2, from /proc/<pid>/task): a lobby still compiling
 * spends much of a "join's" CPU there (a JFR of one warm-up round of 2,000 showed C2 above the request threads).
 */
function jitCpu() {
  let sum = 0;
  try {
    for (const t of readdirSync(`/proc/${pids[0]}/task`)) {
      try {
        if (!/^C\d CompilerThre/.test(readFileSync(`/proc/${pids[0]}/task/${t}/comm`, 'utf8'))) continue;
        sum += cpuSeconds(`${pids[0]}/task/${t}`);
      } catch { /* thread gone */ }
    }
  } catch { /* lobby gone */ }
  return sum;
}
/**
 * CPU µs per delivery of the lobbies' JIT threads and collector threads between two {@link schedByGroup} snapshot
 * lists (thread names with their digits as N: "CN CompilerThreN", "GC ThreadN", "GN RefineN", "GN ConcN",
 * "GN Main Marker", "GN Service", "VM Thread"; ZGC's "ZWorkerYoungN", "ZDirector", "ZDriverMajor"...).
 */
function jvmThreadsCpu(fromList, toList, deliveries) {
  const by = { jit: /^CN CompilerThre/, gc: /^(GC ThreadN|GN |VM Thread|Z[A-Z][a-z])/ };
  const out = {};
  for (const [what, re] of Object.entries(by)) {
    let s = 0;
    toList.forEach((to, i) => { for (const [k, v] of to) if (re.test(k)) s += v.cpu - (fromList[i].get(k)?.cpu ?? 0); });
    out[what] = +(1e6 * s / Math.max(1, deliveries)).toFixed(2);
  }
  return out;
}
/** --jfr: a profile of the first lobby over the measured sign-ups, joins and STOMP joins only (after any warm-up). */
function jfr(what, name = 'joins') {
  if (name === 'joins' ? !JFR : !CHAT_JFR) return;
  if (name === 'chat') return chatJfr(what);
  const jcmd = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/jcmd` : 'jcmd';
  const cmd = what === 'start'
    ? ['JFR.start', `name=${name}`, 'settings=profile', 'method-profiling=max', `filename=${process.cwd()}/reports/${LABEL}-${name}.jfr`]
    : ['JFR.stop', `name=${name}`];
  try { execFileSync(jcmd, [String(pids[0]), ...cmd], { timeout: 60_000 }); } catch (e) { console.error(`driver: jcmd ${cmd[0]}: ${e.message}`); }
}
/**
 * --chat-jfr: jcmd without blocking this driver (on a loaded machine JFR.start took seconds, and a blocked driver
 * read the CPU window's ends late); started a little before the window, so the window itself is all recorded.
 */
function chatJfr(what) {
  const jcmd = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/jcmd` : 'jcmd';
  const cmd = what === 'start'
    ? ['JFR.start', 'name=chat', 'settings=profile', 'method-profiling=max', `filename=${process.cwd()}/reports/${LABEL}-chat.jfr`]
    : ['JFR.stop', 'name=chat'];
  chatJfrDone = chatJfrDone.then(() => new Promise((ok) => execFile(jcmd, [String(pids[0]), ...cmd], { timeout: 120_000 },
    (e) => { if (e) console.error(`driver: jcmd ${cmd[0]}: ${e.message}`); ok(); })));
}
let chatJfrDone = Promise.resolve(); // the lobby stays up until the recording is written
/** --chat-asprof: start or stop async-profiler in every lobby (the attach API: AsprofAttach.java; not blocking the driver). */
function chatAsprof(what) {
  if (!CHAT_ASPROF) return;
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  const lib = process.env.ASPROF_LIB || '/tmp/asprof/libasyncProfiler.so';
  for (const pid of pids) {
    // `total` is an output option (counts in bytes or ns instead of samples): the stop writes the output, so it goes there
    const total = /(^|,)total(,|$)/.test(CHAT_ASPROF) ? ',total' : '';
    const opts = what === 'start' ? `start,${CHAT_ASPROF}` : `stop,file=${process.cwd()}/reports/${LABEL}-asprof-${pid}.collapsed,collapsed${total}`;
    chatJfrDone = chatJfrDone.then(() => new Promise((ok) => execFile(java, [`${import.meta.dirname}/AsprofAttach.java`, String(pid), lib, opts], { timeout: 120_000 },
      (e) => { if (e) console.error(`driver: asprof ${what}: ${e.message}`); ok(); })));
  }
}
/** --joins-only: the report of the sign-up and join phases, without the chat phase. */
async function joinsOnlyReport() {
  const stat = (p) => ({ n: p.ms.length, perSecond: +(p.ms.length / p.wall).toFixed(0), cpuMsEach: +(1000 * p.cpu / Math.max(1, p.ms.length)).toFixed(3),
    // the same without the JIT compiler threads' share: a lobby still compiling inflates cpuMsEach
    cpuMsEachWithoutJit: +(1000 * (p.cpu - p.jit) / Math.max(1, p.ms.length)).toFixed(3),
    // connections the machine accepted during the phase: ~--inflight when the client keeps them alive, ~n if not
    ...(p.opens === undefined ? {} : { tcpConnectionsOpened: p.opens }),
    // the load driver's CPU per operation (REST: this process; STOMP: the client processes), on the same two cores
    ...(p.client === undefined ? {} : { clientCpuMsEach: +(1000 * p.client / Math.max(1, p.ms.length)).toFixed(3) }),
    // what the closed loop allows (Little's law): with --inflight always in flight the mean latency is inflight / rate,
    // and the rate cannot pass the machine's cores over the lobby's and the driver's CPU per operation
    meanMs: +(p.ms.reduce((a, b) => a + b, 0) / Math.max(1, p.ms.length)).toFixed(1),
    inflightOverRateMs: +(1000 * INFLIGHT * p.wall / Math.max(1, p.ms.length)).toFixed(1),
    ...(p.client === undefined ? {} : { cpuBoundPerSecond: +(cpus().length * p.ms.length / Math.max(1e-9, p.cpu + p.client)).toFixed(0) }),
    // the lobby's own latency of the route (first lobby) and how long ready responses waited for the driver's event loop
    ...(p.window ? { window: p.window } : {}), ...(p.server ? { serverLatency: p.server } : {}), ...(p.serverFrames ? { serverFrameLatency: p.serverFrames } : {}), ...(p.driverLoopDelay ? { driverLoopDelay: p.driverLoopDelay } : {}), ...(p.clientGc ? { clientGc: p.clientGc } : {}), ...(p.clientCpuMsEachByThread ? { clientCpuMsEachByThread: p.clientCpuMsEachByThread } : {}), ...(p.byTenth ? { byTenth: p.byTenth, openingBurst: p.openingBurst } : {}),
    // waits for a core: the first lobby's threads per operation, and the share of the phase the driver's loop queued
    ...(p.runQueue ? { runQueueWait: p.runQueue } : {}), ...(p.cpuMsEachByThread ? { cpuMsEachByThread: p.cpuMsEachByThread, jitInPhase: p.jitInPhase } : {}),
    ...Object.fromEntries(Object.entries(percentiles(p.ms)).filter(([k]) => k !== 'n').map(([k, v]) => [`${k}Ms`, +v.toFixed(1)])) });
  Object.assign(report, { loadAfter: loadavg(), jitCpuSecondsInJoins: +(jitCpu() - jit0).toFixed(2), jitInJoins: jitDelta(jitCounters0, jitCountersEnd), signUps: stat(signUps), roomCreates: stat(owners), roomJoins: stat(joins),
    stompJoins: { ...stat(connect), failed: connected.reduce((a, c) => a + c.failed, 0) },
  rssIdleMiB: +(rssIdle / 1024).toFixed(0), rssConnectedMiB: +(rssConnected / 1024).toFixed(0), rssPerConnectionKiB: +((rssConnected - rssIdle) / CLIENTS).toFixed(1) });
  await Promise.all(workers.map(closeWorker));
  writeFileSync(`reports/${LABEL}.json`, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  stop();
  process.exit(0);
}
const dump = (when) => {
  if (!HISTOGRAM) return;
  const jcmd = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/jcmd` : 'jcmd';
  const run = (cmd) => { try { return execFileSync(jcmd, [String(pids[0]), cmd], { timeout: 60_000, maxBuffer: 64 << 20 }).toString(); } catch (e) { return `${cmd}: ${e.message}\n`; } };
  mkdirSync('reports', { recursive: true });
  writeFileSync(`reports/${LABEL}-${when}.txt`, run('GC.class_histogram') + run('VM.native_memory'));
  // BENCH_HEAP_DUMP=1: a heap dump with everyone connected, to find who holds what (large: ~0.5 GiB)
  if (when === 'connected' && process.env.BENCH_HEAP_DUMP) run(`GC.heap_dump ${process.cwd()}/reports/${LABEL}-connected.hprof`);
};
let workers = [];
/**
 * The client processes of the measured round: before the warm rounds (which they then make too) or, with
 * --fresh-clients, right before the measured STOMP joins.
 */
async function startWorkers() {
  // driver25: the client processes' young generation (V8 semi-space, MB; 0 = V8's default): every delivery allocates
  // short-lived strings, frames and stompjs's per-byte token arrays, and a larger nursery scavenges less often for the
  // same survivors. Heap sizing only, nothing the lobby sees; a browser tab sizes its own heap.
  workers = Array.from({ length: PROCS }, () => fork(new URL('./clients.mjs', import.meta.url),
    { execArgv: CLIENT_SEMI_SPACE ? [`--max-semi-space-size=${CLIENT_SEMI_SPACE}`, `--min-semi-space-size=${CLIENT_SEMI_SPACE}`] : [] }));
  // --client-nice N: the chatting clients' priority (default 19, this driver's); at 19 a client that has deliveries to
  // read waits while the lobbies (nice 0) have runnable threads, and that wait is part of every latency it measures
  if (CLIENT_NICE !== 19) for (const w of workers) setPriority(w.pid, CLIENT_NICE);
  // join26: each process's start (Node, ws and stompjs loaded: ~150 ms of CPU, once per process as once per browser
  // page) before the joins' CPU is read; until then it was counted in clientCpuMsEach and ran beside the first joins
  await Promise.all(workers.map(ready));
  report.clientStartCpuMs = +(1000 * workers.reduce((a, w) => { try { return a + cpuSeconds(w.pid); } catch { return a; } }, 0)).toFixed(0);
}
if (!FRESH_CLIENTS && WARM_ROUNDS > 0) await startWorkers();
await warmRounds();
// the JIT's compiles over the measured round (counts: load-independent, unlike the compiler threads' CPU)
const jitCounters0 = jitCounters(JCMD, pids[0]);
const jit0 = jitCpu();
const rssIdle = lobbyRss();
dump('idle');
jfr('start');
const tag = Math.random().toString(36).slice(2, 5);
const players = new Array(CLIENTS);
log(`sign-ups: ${CLIENTS} guests, ${INFLIGHT} in flight`);
const signUps = await phase(signUpCalls(`b${tag}`), INFLIGHT, 'POST /api/players/guest');
signUps.results.forEach((p, i) => { players[i] = p; });
log('seats: rooms of', ROOM);
const owners = await phase(roomCalls(players, `bench ${tag}`), INFLIGHT, 'POST /api/rooms');
const rooms = owners.results.map((room) => ({ roomId: room.id, members: [] }));
const joins = await phase(joinCalls(players, rooms), INFLIGHT, 'POST /api/rooms/{id}/join');
rooms.forEach((room, r) => { for (let j = 0; j < ROOM; j++) room.members.push(memberOf(players[r * ROOM + j], j === 0 ? owners.results[r] : joins.results[r * (ROOM - 1) + j - 1])); });

log(`connect: ${CLIENTS} STOMP clients in ${PROCS} processes, CONNECT + SUBSCRIBE with receipt`);
if (FRESH_CLIENTS || WARM_ROUNDS === 0) await startWorkers();
const wsUrls = urls.map((u) => u.replace('http:', 'ws:') + '/ws');
const workersCpu = () => workers.reduce((a, w) => { try { return a + cpuSeconds(w.pid); } catch { return a; } }, 0);
// the STOMP join's lobby-side view: its WebSocket upgrade (GET /ws) in http.server.requests, the lobby's waits for a core
const viewC = await scrape(url, SERVICE_KEY), waitC = runQueueWait(pids[0]), fromC = new Date();
// the client processes' main threads' waits for a core over their joins (join26): at nice 19 a ready RECEIPT waits
// while the lobby (nice 0) has runnable threads, and that wait is part of the join's time the clients measure
const clientWaits = () => workers.map((w) => runQueueWait(w.pid, w.pid));
// and their CPU by thread (join26): the event loop (main thread) against V8's and libuv's helper threads (compiler, GC)
const clientThreads = () => {
  const by = { main: 0, helpers: 0 };
  for (const w of workers) {
    try {
      for (const t of readdirSync(`/proc/${w.pid}/task`)) {
        try { by[Number(t) === w.pid ? 'main' : 'helpers'] += cpuSeconds(`${w.pid}/task/${t}`); } catch { /* thread gone */ }
      }
    } catch { /* process gone */ }
  }
  return by;
};
const clientThreadsC = clientThreads();
// join27: the lobby's CPU over the phase by thread group (names with digits as N: carriers "ForkJoinPool-N-worker-N",
// the collector's "GC ThreadN" / "GN ...", the JIT's "CN CompilerThreN", Jetty's and the lobby's platform threads), so
// a run's figure can be read against where it went: all of it stays in cpuMsEach, this only splits it
const schedC = schedByGroup(pids[0]);
// and the JIT's compiles over the phase alone (the hsperfdata file: no attach, read at its very edges): after four warm
// rounds the lobby still compiles ~300 methods in the measured round, and code that runs in the interpreter or C1
// until its C2 version is installed costs more CPU per join than cpuMsEachWithoutJit's compiler threads show
const jitPhaseC = jitCountersFromPerfData(pids[0]);
const cpuC = lobbyCpu(), jitC = jitCpu(), clientC = workersCpu(), clientWaitC = clientWaits(), tC = performance.now();
const connected = await Promise.all(workers.map((w, k) => askWorker(w, { cmd: 'connect', inflight: Math.ceil(INFLIGHT / PROCS),
  job: { wsUrls, roomSize: ROOM, rooms: placed(rooms).filter((_, r) => r % PROCS === k), cpuProfDir: CLIENT_CPU_PROF ? resolve(CLIENT_CPU_PROF) : '' } }, 'connected')));
const connect = { ms: connected.flatMap((c) => c.latencies), wall: (performance.now() - tC) / 1000, cpu: lobbyCpu() - cpuC, jit: jitCpu() - jitC,
  client: workersCpu() - clientC, window: [fromC.toISOString(), new Date().toISOString()],
  runQueue: { lobbyMsEach: +(1000 * (runQueueWait(pids[0]) - waitC) / CLIENTS).toFixed(3) } };
{
  const to = schedByGroup(pids[0]), groups = {};
  for (const [k, v] of to) {
    const d = v.cpu - (schedC.get(k)?.cpu ?? 0);
    const g = /^CN CompilerThre/.test(k) ? 'jit' : /^(GC ThreadN|GN |VM Thread)/.test(k) ? 'gc' : /^ForkJoinPool/.test(k) ? 'carriers' : 'other';
    groups[g] = (groups[g] ?? 0) + d;
    if (g === 'other' && d > 0) groups[`other:${k}`] = (groups[`other:${k}`] ?? 0) + d;
  }
  connect.jitInPhase = jitDelta(jitPhaseC, jitCountersFromPerfData(pids[0]));
  connect.cpuMsEachByThread = Object.fromEntries(Object.entries(groups).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([k, v]) => [k, +(1000 * v / CLIENTS).toFixed(3)]));
}
{
  const waited = clientWaits().map((w, k) => w - clientWaitC[k]);
  const threads = clientThreads();
  connect.clientCpuMsEachByThread = { main: +(1000 * (threads.main - clientThreadsC.main) / CLIENTS).toFixed(3), helpers: +(1000 * (threads.helpers - clientThreadsC.helpers) / CLIENTS).toFixed(3) };
  Object.assign(connect.runQueue, { clientLoopMsEach: +(1000 * waited.reduce((a, b) => a + b, 0) / CLIENTS).toFixed(3),
    clientLoopShare: +(waited.reduce((a, b) => a + b, 0) / waited.length / connect.wall).toFixed(3) });
}
if (viewC) {
  // the upgrade (GET /ws), then the CONNECT and SUBSCRIBE frames (two SUBSCRIBEs per join: errors queue, room chat)
  const after = await scrape(url, SERVICE_KEY);
  connect.server = serverLatency(viewC, after, 'GET /ws');
  connect.serverFrames = { connect: serverLatency(viewC, after, 'STOMP CONNECT'), subscribe: serverLatency(viewC, after, 'STOMP SUBSCRIBE') };
}
if (SERVER_VIEW && connected.every((c) => c.loop)) {
  const worst = (k) => +Math.max(...connected.map((c) => c.loop[k])).toFixed(1);
  connect.driverLoopDelay = { p50Ms: worst('p50Ms'), p99Ms: worst('p99Ms'), maxMs: worst('maxMs'), processes: connected.length };
}
// the joins by when they started (join26): tenths of the phase by start time (each process's own clock from its first
// join), p50 / p99 / max of each, so a slow first wave (cold processes, 160 opens at once) stands apart from the rest
if (connected.every((c) => c.startedMs)) {
  const all = connected.flatMap((c) => c.startedMs.map((s, i) => [s, c.latencies[i]]));
  const end = Math.max(1, ...all.map(([s]) => s));
  connect.byTenth = Array.from({ length: 10 }, (_, k) => {
    const p = percentiles(all.filter(([s]) => Math.min(9, Math.floor(10 * s / end)) === k).map(([, ms]) => ms));
    return { n: p.n, p50Ms: +p.p50.toFixed(1), p99Ms: +p.p99.toFixed(1), maxMs: +p.max.toFixed(1) };
  });
  // the joins that started in the first 50 ms (the opening burst of --inflight) against the rest
  const first = percentiles(all.filter(([s]) => s < 50).map(([, ms]) => ms)), rest = percentiles(all.filter(([s]) => s >= 50).map(([, ms]) => ms));
  connect.openingBurst = { n: first.n, p50Ms: +first.p50.toFixed(1), maxMs: +first.max.toFixed(1), restP99Ms: +rest.p99.toFixed(1), restMaxMs: +rest.max.toFixed(1) };
}
// the client processes' V8 collections over their joins (join26): count, total and longest pause, summed / worst
if (connected.every((c) => c.gc)) {
  connect.clientGc = { n: connected.reduce((a, c) => a + c.gc.n, 0), ms: +connected.reduce((a, c) => a + c.gc.ms, 0).toFixed(1), maxMs: Math.max(...connected.map((c) => c.gc.maxMs)) };
}
const rssConnected = lobbyRss();
const jitCountersEnd = JOINS_ONLY ? jitCounters(JCMD, pids[0]) : null;
dump('connected');
jfr('stop');
if (JOINS_ONLY) await joinsOnlyReport();

log(`chat: ${RATE} lines/s in (${RATE * ROOM} deliveries/s) for ${WARMUP} s warm-up + ${SECONDS} s measured`);
report.loadChat = loadavg();
const start = performance.timeOrigin + performance.now() + 500;
const measureFrom = start + WARMUP * 1000, measureTo = measureFrom + SECONDS * 1000;
let cpuFrom, cpuTo, brokerFrom, brokerTo, lbFrom, lbTo, writesFrom, writesTo, rssPeak = 0;
// who else spends the machine's CPU meanwhile (issue 15: is a two-node run limited by the machine?): the client
// processes, every PostgreSQL process (other users of the server included) and the whole machine
const clientsCpu = () => workers.reduce((a, w) => { try { return a + cpuSeconds(w.pid); } catch { return a; } }, 0);
let others = {};
// and the run-queue wait of the lobbies' and RabbitMQ's threads (is a two-node run's p99 the machine's run queue?)
const snapshot = () => ({ clients: clientsCpu(), postgres: cpuSecondsByName('postgres'), machine: machineCpu(),
  lobbySched: pids.map(schedByGroup), brokerSched: brokerPid ? [schedByGroup(brokerPid)] : [] });
const at = (t, f) => setTimeout(f, Math.max(0, t - (performance.timeOrigin + performance.now())));
// --chat-jfr: the recording starts up to 3 s before the window (in the warm-up) and stops after it
at(measureFrom - Math.min(3000, WARMUP * 500), () => jfr('start', 'chat'));
// the JIT's compiles over the window, of every lobby: read from each JVM's performance-data file at the window's two
// edges (a file read here, no JVM started, no attach). Before tail26 the first lobby's only, by jcmd 3 s before the
// window: two jcmd JVM starts (~0.5 s of CPU, at this driver's nice 19 like the clients) with this driver blocked in
// execSync until they were done, in the last seconds before a window whose second 0 held most of the late deliveries
let jitChatFrom, jitChatTo;
at(measureFrom, () => { jitChatFrom = pids.map(jitCountersFromPerfData); });
at(measureTo, () => { jitChatTo = pids.map(jitCountersFromPerfData); });
at(measureFrom - Math.min(3000, WARMUP * 500), () => chatAsprof('start'));
at(measureFrom, () => { if (CHAT_PERF_STAT) chatJfrDone = Promise.all([chatJfrDone, new Promise((ok) => execFile('perf', ['stat', '-e', CHAT_PERF_STAT,
  '-p', pids.join(','), '-o', `${process.cwd()}/reports/${LABEL}-perfstat.txt`, '--', 'sleep', String(SECONDS)], { timeout: (SECONDS + 60) * 1000 },
  (e) => { if (e) console.error(`driver: perf stat: ${e.message}`); ok(); }))]); });
// each end synchronously, 1.5 s before and 0.5 s after the window: a psql's backend started by the hook must have
// exited before the PostgreSQL CPU snapshot at the window's start and start after the one at its end
const windowHook = (end) => {
  if (!WINDOW_HOOK) return;
  try {
    appendFileSync(`reports/${LABEL}-window.txt`, execFileSync(WINDOW_HOOK, [end, LABEL], { timeout: 30_000, encoding: 'utf8' }));
  } catch (e) { console.error(`driver: window hook ${end}: ${e.message}`); }
};
at(measureFrom - 1500, () => windowHook('from'));
at(measureTo + 500, () => windowHook('to'));
at(measureFrom, () => { cpuFrom = lobbyCpu(); writesFrom = lobbyWrites(); if (brokerPid) brokerFrom = cpuSeconds(brokerPid); if (lb) lbFrom = cpuSeconds(lb.pid); others.from = snapshot(); });
at(measureTo, () => { cpuTo = lobbyCpu(); writesTo = lobbyWrites(); if (brokerPid) brokerTo = cpuSeconds(brokerPid); if (lb) lbTo = cpuSeconds(lb.pid); others.to = snapshot(); jfr('stop', 'chat'); chatAsprof('stop'); });
// the lobbies' own counters at the window's ends (linger24): connections taken from the database pool (the chat writer
// takes one per batch it stores, a transaction and its commit; the rest of a lobby's database work is a few statements
// a second while chatting) and the lines each stored and handed to the broker; one scrape per lobby at each end
const DB_COUNTERS = ['hikaricp_connections_usage_seconds_count', 'lobby_chat_deliveries_seconds_count'];
// --scrape-stagger: lobby k's scrape k * MS after the first's
const staggered = (k) => new Promise((ok) => setTimeout(ok, k * SCRAPE_STAGGER));
const countersAt = () => Promise.all(urls.map((u, k) => staggered(k).then(() => scrapeCounters(u, SERVICE_KEY, DB_COUNTERS))));
// --window-scrapes: each lobby's scrape wall time (request to last byte) at each instant
const windowScrapes = [];
for (const s of WINDOW_SCRAPES) at(measureFrom + s * 1000, () => Promise.all(urls.map(async (u, k) => {
  await staggered(k);
  const t0 = performance.now();
  await scrapeCounters(u, SERVICE_KEY, DB_COUNTERS);
  return +(performance.now() - t0).toFixed(1);
})).then((wallMs) => windowScrapes.push({ second: s, wallMs })));
let countersFrom, countersTo;
// tail25: each lobby's scrape warmed in the warm-up first. Only the first lobby is scraped in the joins (the server
// view), so the second lobby's first scrape ever was the one at the window's start: its Prometheus path cold
// (classes, interpreter, 150-450 ms of that lobby's CPU at nice 0 in second 0 of every two-node run), and second 0
// held most of the window's deliveries over 50 ms. Warmed 10 s before, the scrape at the edge is a warm one.
at(measureFrom - Math.min(10_000, WARMUP * 500), async () => { for (let i = 0; i < 3; i++) await countersAt(); });
// tail26: these two scrapes are second 0's late deliveries (without any scrape in the chat second 0 did not stand
// out: 0 late, and 248 in a run late in every second at 87 % busy; with them 95-1,545, 25-74 % of the window's):
// each costs a lobby 13-115 ms of CPU in that second, its code still compiled there (the fourth scrape of the chat). Kept at the edges on purpose: a real Prometheus scrapes each lobby
// every 15 s (deploy/prometheus), so the window is not moved or cleared to hide a server cost
at(measureFrom, () => { countersFrom = countersAt(); });
at(measureTo, () => { countersTo = countersAt(); });
const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, lobbyRss()); }, 100);
// per second of the window (issue 15 tail): CPU of each lobby, RabbitMQ, PostgreSQL, the clients and the machine's
// busy share, so a second with late deliveries can be matched with whoever ran (or did not) in it
const cpuBySecond = [];
const cpuSample = () => ({ lobbies: pids.map((p) => { try { return cpuSeconds(p); } catch { return NaN; } }),
  broker: brokerPid ? cpuSeconds(brokerPid) : 0, postgres: cpuSecondsByName('postgres'), clients: clientsCpu(), machine: machineCpu(),
  t: performance.now() });
for (let i = 0; i <= SECONDS; i++) at(measureFrom + i * 1000, () => cpuBySecond.push(cpuSample()));
const chats = await Promise.all(workers.map((w) => askWorker(w, { cmd: 'chat', rate: RATE / PROCS, stopAt: measureTo, measureFrom, measureTo }, 'chatted')));
while (cpuTo === undefined) await new Promise((ok) => setTimeout(ok, 20));
clearInterval(sampler);
// the compile queues once the last line is in (jcmd: only it has them; the window is over)
const jitQueuedAfter = pids.map((p) => jitCounters(JCMD, p)?.queued ?? null);
report.loadAfter = loadavg();

const sum = (f) => chats.reduce((a, c) => a + f(c), 0);
const latencies = [];
for (const c of chats) for (const [b, n] of c.buckets) for (let i = 0; i < n; i++) latencies.push((b + 0.5) * c.bucketMs);
const refused = {};
for (const c of chats) for (const [k, v] of Object.entries(c.refused)) refused[k] = (refused[k] ?? 0) + v;
const stat = (p) => ({ n: p.ms.length, perSecond: +(p.ms.length / p.wall).toFixed(0), cpuMsEach: +(1000 * p.cpu / Math.max(1, p.ms.length)).toFixed(3),
  ...Object.fromEntries(Object.entries(percentiles(p.ms)).filter(([k]) => k !== 'n').map(([k, v]) => [`${k}Ms`, +v.toFixed(1)])) });
const measured = sum((c) => c.measured);
Object.assign(report, {
  signUps: stat(signUps), roomCreates: stat(owners), roomJoins: stat(joins), stompJoins: { ...stat(connect), failed: connected.reduce((a, c) => a + c.failed, 0) },
  deliveriesPerSecond: +(measured / SECONDS).toFixed(0),
  ...(WINDOW_SCRAPES.length ? { windowScrapes } : {}),
  latencyMs: Object.fromEntries(Object.entries(percentiles(latencies)).map(([k, v]) => [k, typeof v === 'number' ? +v.toFixed(1) : v])),
  // by the second of the window a line was sent in (all client processes): deliveries, over 50 ms, slowest ms
  latencyBySecond: chats[0].perSecond.map((_, i) => {
    const n = sum((c) => c.perSecond[i][0]), over = sum((c) => c.perSecond[i][1]);
    // ms of CPU per second of wall time: this driver runs at nice 19, so on a busy machine its one-second timer fires
    // late and a sample spans more (spanMs) or less than a second; the sample's span is its own wall time
    const a = cpuBySecond[i], b = cpuBySecond[i + 1], span = b && a ? b.t - a.t : 0, ms = (x, y) => Math.round(1e6 * (y - x) / Math.max(1, span));
    const cpu = a && b ? { spanMs: Math.round(span), lobbiesMs: b.lobbies.map((v, k) => ms(a.lobbies[k], v)), brokerMs: ms(a.broker, b.broker),
      postgresMs: ms(0, cpuDelta(a.postgres, b.postgres)), clientsMs: ms(a.clients, b.clients),
      machineBusyPercent: Math.round(100 * (b.machine[0] - a.machine[0]) / Math.max(1e-9, b.machine[1] - a.machine[1])) } : null;
    return { second: i, deliveries: n, over50Ms: over, maxMs: +Math.max(...chats.map((c) => c.perSecond[i][2])).toFixed(1),
      // over 50 ms by the receiver's node, and local (sender on the receiver's node) against crossing nodes
      over50ByNode: chats[0].split[i].node.map((_, k) => sum((c) => c.split[i].node[k][1])),
      over50LocalCross: [sum((c) => c.split[i].local[1]), sum((c) => c.split[i].cross[1])],
      // by client process: over 50 ms, its V8 GC ms (longest), its longest send-tick gap ms (a loop stall)
      byClientProcess: chats.map((c) => ({ over50Ms: c.perSecond[i][1], gcMs: +c.stalls[i].gcMs.toFixed(1),
        gcMaxMs: +c.stalls[i].gcMaxMs.toFixed(1), tickGapMaxMs: +c.stalls[i].tickGapMaxMs.toFixed(1) })),
      ...(cpu ? { cpu } : {}), ...(GC_LOG ? { lobbyPauses: gcWindow(LABEL, new Date(measureFrom + i * 1000).toISOString(),
        new Date(measureFrom + (i + 1) * 1000).toISOString()).pauses } : {}) };
  }),
  // the client processes' own event-loop delay while chatting (the worst process): latency the clients add themselves
  clientLoopDelayMs: Object.fromEntries(['p50', 'p99', 'max'].map((k) => [k, +Math.max(...chats.map((c) => c.loopDelayMs[k])).toFixed(1)])),
  linesSent: sum((c) => c.sent), delivered: sum((c) => c.received), expected: sum((c) => c.expected), lost: sum((c) => c.expected) - sum((c) => c.received), refused,
  cpuUsPerDelivery: +(1e6 * (cpuTo - cpuFrom) / Math.max(1, measured)).toFixed(1),
  // per line (deliveries / room size): most of the Java CPU is per line at rooms of 8 (inbound SEND, store)
  cpuUsPerLine: +(1e6 * (cpuTo - cpuFrom) / Math.max(1, measured / ROOM)).toFixed(1),
  // socket writes per delivery (below 1 when a connection's waiting frames go out in one write); null if unreadable
  writeCallsPerDelivery: Number.isFinite(writesTo - writesFrom) ? +((writesTo - writesFrom) / Math.max(1, measured)).toFixed(3) : null,
  lobbyCpuPercent: +(100 * (cpuTo - cpuFrom) / SECONDS).toFixed(0),
  // RabbitMQ apart: the relay's cost beyond the lobbies (null without profile cluster or when its pid is unknown)
  brokerCpuUsPerDelivery: brokerPid ? +(1e6 * (brokerTo - brokerFrom) / Math.max(1, measured)).toFixed(1) : null,
  brokerCpuPercent: brokerPid ? +(100 * (brokerTo - brokerFrom) / SECONDS).toFixed(0) : null,
  // --placement hint: HAProxy's CPU (the tunnel every member's frames cross) and where each upgrade landed (route28)
  haproxyCpuUsPerDelivery: lb ? +(1e6 * (lbTo - lbFrom) / Math.max(1, measured)).toFixed(1) : null,
  hint: lb ? hintCheck(rooms) : null,
  // the rest of the machine over the same window: the Node clients, PostgreSQL (all its processes, whoever uses them)
  // and the machine's busy share of all its cores (every process, other users' too)
  clientCpuUsPerDelivery: +(1e6 * (others.to.clients - others.from.clients) / Math.max(1, measured)).toFixed(1),
  postgresCpuUsPerDelivery: +(1e6 * cpuDelta(others.from.postgres, others.to.postgres) / Math.max(1, measured)).toFixed(1),
  machineBusyPercent: +(100 * (others.to.machine[0] - others.from.machine[0]) / Math.max(1e-9, others.to.machine[1] - others.from.machine[1])).toFixed(0),
  // per thread group over the measured window: CPU and run-queue wait (ms per second of wall) and the mean wait for a
  // core each time a thread became runnable (µs per time slice); the lobbies summed by thread name, RabbitMQ apart
  lobbySched: schedDelta(others.from.lobbySched, others.to.lobbySched, SECONDS),
  // time slices the lobbies' threads ran per delivery: thread wake-ups, a count that depends little on the load
  lobbySlicesPerDelivery: null,
  brokerSched: brokerPid ? schedDelta(others.from.brokerSched, others.to.brokerSched, SECONDS, 3) : null,
  rssIdleMiB: +(rssIdle / 1024).toFixed(0), rssConnectedMiB: +(rssConnected / 1024).toFixed(0), rssPeakMiB: +(rssPeak / 1024).toFixed(0),
  rssPerConnectionKiB: +((rssConnected - rssIdle) / CLIENTS).toFixed(1), rssPeakPerConnectionKiB: +((rssPeak - rssIdle) / CLIENTS).toFixed(1),
});
report.lobbySlicesPerDelivery = +(report.lobbySched.slices / Math.max(1, measured)).toFixed(3);
// the JVM's own threads over the window (issue 19, gc19): the JIT's compiler threads and the collector's (G1's
// workers, refinement and marking threads or ParallelGC's workers, and the VM thread that runs the pauses), per
// delivery; the JIT's share is warm-up when its compiles in the window fall run after run (jitInChat), not steady cost
report.jvmThreadsCpuUsPerDelivery = jvmThreadsCpu(others.from.lobbySched, others.to.lobbySched, measured);
report.cpuUsPerDeliveryWithoutJit = +(report.cpuUsPerDelivery - report.jvmThreadsCpuUsPerDelivery.jit).toFixed(1);
// jitInChat: the first lobby's (as before tail26, which counted from 3 s before the window to after the drain);
// jitInChatByLobby: each lobby's, the window exactly, with the methods whose code was thrown away (invalidated)
const jitOf = (i) => jitDelta(jitChatFrom?.[i], jitChatTo?.[i] && { ...jitChatTo[i], queued: jitQueuedAfter[i] });
report.jitInChat = jitOf(0);
report.jitInChatByLobby = pids.map((_, i) => jitOf(i));
report.chatWindow = [new Date(measureFrom).toISOString(), new Date(measureTo).toISOString()];
{
  // per lobby over the window: pool borrows per second (≥ the chat writer's commits) and stored lines per borrow
  const [a, b] = [await countersFrom, await countersTo];
  report.dbPool = a && b && a.every(Boolean) && b.every(Boolean) ? a.map((x, i) => {
    const borrows = b[i][DB_COUNTERS[0]] - x[DB_COUNTERS[0]], lines = b[i][DB_COUNTERS[1]] - x[DB_COUNTERS[1]];
    return { borrowsPerSecond: +(borrows / SECONDS).toFixed(0), linesStoredPerSecond: +(lines / SECONDS).toFixed(0),
      linesPerBorrow: +(lines / Math.max(1, borrows)).toFixed(2) };
  }) : null;
}

report.clientNice = CLIENT_NICE;
if (GC_LOG) report.gcInChat = gcWindow(LABEL, ...report.chatWindow);
await Promise.all(workers.map((w) => new Promise((ok) => { w.once('exit', ok); w.send({ cmd: 'close' }); setTimeout(() => { w.kill(); ok(); }, 15_000).unref(); })));
await chatJfrDone;
mkdirSync('reports', { recursive: true });
writeFileSync(`reports/${LABEL}.json`, JSON.stringify(report, null, 2));
console.log(JSON.stringify(report, null, 2));
stop();
process.exit(0);
