// The lobby process as the driver sees it: CPU and RSS from /proc, and the process itself when the driver starts it.
import { readFileSync, readdirSync, readlinkSync, mkdtempSync } from 'node:fs';
import { execSync, spawn } from 'node:child_process';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

/**
 * CPU seconds so far of every process whose name is {@code comm} (e.g. every PostgreSQL backend), by pid: a delta is
 * taken over the pids present at both ends (backends of a connection pool live through a run).
 */
export function cpuSecondsByName(comm) {
  const byPid = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) byPid.set(d, cpuSeconds(d));
    } catch { /* gone meanwhile */ }
  }
  return byPid;
}

/** Sum of the CPU seconds spent between two {@link cpuSecondsByName} snapshots by the processes in both. */
export function cpuDelta(from, to) {
  let sum = 0;
  for (const [pid, t] of to) if (from.has(pid)) sum += t - from.get(pid);
  return sum;
}

/** The whole machine's CPU so far (all cores, every process: other users' too), in seconds: [busy, total]. */
export function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0), idle = f[3] + (f[4] ?? 0);
  return [(total - idle) / TICKS, total / TICKS];
}

/**
 * Write system calls (write, writev, ...) the process has made so far (`syscw` of /proc/<pid>/io; NaN where it is not
 * readable). Nearly all of the lobby's under chat load are socket writes: a count that does not depend on how
 * loaded the machine is, unlike CPU time (H2's file writes and the log are included, a few per batch).
 */
export function writeCalls(pid) {
  try {
    const m = /syscw:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Resident set size in KiB. */
export function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/**
 * The pid of the RabbitMQ node (an Erlang `beam.smp`) that listens on `stompPort`, found through the listening
 * socket's inode in /proc/net/tcp and the beam processes' descriptors; 0 when none (or not readable: run as root or
 * as RabbitMQ's user, or pass --broker-pid).
 */
export function rabbitPid(stompPort) {
  const hex = `:${Number(stompPort).toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set();
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines = [];
    try { lines = readFileSync(f, 'utf8').split('\n').slice(1); } catch { continue; }
    for (const l of lines) {
      const c = l.trim().split(/\s+/);
      if (c.length > 9 && c[1].endsWith(hex) && c[3] === '0A') inodes.add(`socket:[${c[9]}]`);
    }
  }
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'beam.smp') continue;
      for (const fd of readdirSync(`/proc/${d}/fd`)) if (inodes.has(readlinkSync(`/proc/${d}/fd/${fd}`))) return Number(d);
    } catch { /* gone meanwhile, or not ours to read */ }
  }
  return 0;
}

export function loadavg() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * The lobby's collector options as the image (lobby-service/Dockerfile) and ./skirmish ship them; a collector named in
 * `jvm` (--jvm-args "-XX:+UseParallelGC ...", or "-XX:+UseG1GC" alone for G1 as shipped before gc19) replaces them,
 * since HotSpot refuses two collectors in one command line. The free ratios keep G1's heap ~3.3x the live set after a
 * marking: at its default 40 % the lobby's live state filled 60 % of the heap, over the marking threshold, and G1
 * marked every 2-3 young collections (docs/benchmarks.md, "G1's heap headroom").
 */
export const LOBBY_GC = ['-XX:+UseG1GC', '-XX:MinHeapFreeRatio=70', '-XX:MaxHeapFreeRatio=90'];
export function lobbyGc(jvm) {
  return jvm.some((a) => /^-XX:\+Use\w+GC$/.test(a)) ? [] : LOBBY_GC;
}

/**
 * Starts the lobby jar on a loopback port with the bench settings the Java harness uses (H2 in a temp directory,
 * abuse limits raised for one address) plus `extra` arguments; resolves once it is ready (bounded: BENCH_START_TIMEOUT, 180 s).
 * `h2: false` leaves the database to the profile and the environment (`env`: SKIRMISH_DB_URL, relay settings...),
 * for profiles postgres and cluster; every node gets the same token secret, as a cluster needs. BENCH_START_TIMEOUT
 * raises the bound on a machine so loaded that a lobby takes longer to start.
 */
export async function startLobby({ jar, java, heap, port, extra, jvm = [], log, h2 = true, env = {} }) {
  // BENCH_H2_PARAMS: H2 settings after the file name (";PAGE_SIZE=4096"), for an A/B of a database setting
  const db = h2 ? [`--spring.datasource.url=jdbc:h2:file:${mkdtempSync(join(tmpdir(), 'lobby-node-bench-'))}/lobby${process.env.BENCH_H2_PARAMS ?? ''}`] : [];
  const args = [`-Xmx${heap}`, ...lobbyGc(jvm), ...jvm, '-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1',
    ...db, '--skirmish.lobby.token-secret=bench-secret-0123456789abcdef',
    '--server.tomcat.max-connections=20000', '--server.tomcat.accept-count=1000', // main's jars before Jetty (A/B runs)
    '--server.jetty.max-connections=20000', // the 10,000-client runs; the accept queue is the lobby's default (1024)
    '--skirmish.lobby.limits.guest-sign-ups-per-address=1000000', '--skirmish.lobby.limits.join-attempts-per-player=1000',
    '--logging.level.root=WARN', '--logging.level.dev.skirmish=WARN', ...extra];
  const child = spawn(java, args, { stdio: ['ignore', log, log], env: { ...process.env, ...env } });
  // BENCH_START_TIMEOUT (seconds, 30..900, default 180): a machine busy with other builds can take longer to start
  const readySeconds = Math.min(900, Math.max(30, Number(process.env.BENCH_START_TIMEOUT) || 180));
  const deadline = Date.now() + readySeconds * 1000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/actuator/health/readiness`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return child;
    } catch { /* still starting */ }
    await new Promise((ok) => setTimeout(ok, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`lobby did not become ready within ${readySeconds} s`);
}

/** p50/p99/max of a list of milliseconds. */
export function percentiles(ms) {
  if (ms.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(ms).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}

/**
 * The JIT's work so far in a JVM, from its performance counters (`jcmd PerfCounter.print`): methods compiled and
 * seconds spent compiling (`java.ci.totalTime` in ticks of `sun.os.hrt.frequency`), and how many methods wait in the
 * compile queues (`jcmd Compiler.queue`). Counts do not depend on the machine's load, unlike the compiler threads' CPU.
 * Null when jcmd fails (lobby gone, attach refused).
 */
export function jitCounters(jcmd, pid) {
  try {
    const out = execSync(`${jcmd} ${Number(pid)} PerfCounter.print`, { timeout: 60_000, maxBuffer: 16 << 20 }).toString();
    const num = (k) => Number(new RegExp(`^${k.replace(/\./g, '\\.')}=(\\d+)`, 'm').exec(out)?.[1] ?? NaN);
    const queue = execSync(`${jcmd} ${Number(pid)} Compiler.queue`, { timeout: 60_000, maxBuffer: 16 << 20 }).toString();
    // one line per queued task: "<id> <flags> <level> <method> ..." under each "Current compiles"/"queue" header
    const queued = queue.split('\n').filter((l) => /^\s*\d+\s/.test(l)).length;
    return { compiles: num('sun.ci.totalCompiles'), compileSeconds: num('java.ci.totalTime') / (num('sun.os.hrt.frequency') || 1e9), queued };
  } catch {
    return null;
  }
}

/**
 * The same JIT counters read from the JVM's own performance-data file (`/tmp/hsperfdata_<user>/<pid>`, the memory the
 * JVM publishes its counters in, which `jcmd PerfCounter.print` reads through an attach): a file read in this
 * process, so a reading costs no JVM start and no attach and can be taken at the window's very edges, of every lobby
 * (issue 15, tail26: the jcmd reading 3 s before the window was two JVM starts beside the clients). Adds the methods
 * whose compiled code was thrown away (`sun.ci.totalInvalidates`: deoptimised for good, e.g. a class loaded that
 * broke an assumption) and on-stack replacements. No queue length (only `jcmd Compiler.queue` has it): `queued`
 * is null. Null when the file is absent or unreadable (another user's JVM, -XX:-UsePerfData, lobby gone).
 */
export function jitCountersFromPerfData(pid) {
  try {
    const c = perfDataLongs(pid, ['sun.ci.totalCompiles', 'java.ci.totalTime', 'sun.os.hrt.frequency', 'sun.ci.totalInvalidates', 'sun.ci.osrCompiles']);
    if (c['sun.ci.totalCompiles'] === undefined) return null;
    return { compiles: c['sun.ci.totalCompiles'], compileSeconds: c['java.ci.totalTime'] / (c['sun.os.hrt.frequency'] || 1e9), queued: null,
      invalidated: c['sun.ci.totalInvalidates'], osr: c['sun.ci.osrCompiles'] };
  } catch {
    return null;
  }
}

/**
 * Named long counters of a JVM's hsperfdata file (HotSpot's PerfData layout, perfMemory.hpp: a prologue with magic
 * 0xcafec0c0, its byte order, the first entry's offset and the number of entries; each entry its length, name offset,
 * vector length, type ('J' = long), and data offset, all relative to the entry).
 */
function perfDataLongs(pid, names) {
  const b = readFileSync(`/tmp/hsperfdata_${userInfo().username}/${Number(pid)}`);
  if (b.length < 32 || b.readUInt32BE(0) !== 0xcafec0c0) throw new Error('not a PerfData file');
  const le = b[4] === 1;
  const i32 = (o) => (le ? b.readInt32LE(o) : b.readInt32BE(o));
  const out = {};
  for (let e = i32(24), n = i32(28); n > 0 && e + 20 <= b.length; n--) {
    const len = i32(e), nameAt = e + i32(e + 4), dataAt = e + i32(e + 16);
    if (len <= 0) break;
    const name = b.toString('latin1', nameAt, b.indexOf(0, nameAt));
    if (b[e + 12] === 0x4a /* 'J' */ && i32(e + 8) === 0 && names.includes(name)) out[name] = Number(le ? b.readBigInt64LE(dataAt) : b.readBigInt64BE(dataAt));
    e += len;
  }
  return out;
}

/** The JIT's work between two {@link jitCounters} readings; the queue is the later one's. */
export function jitDelta(a, b) {
  if (!a || !b) return null;
  return { compiles: b.compiles - a.compiles, compileSeconds: +(b.compileSeconds - a.compileSeconds).toFixed(2), queuedAtEnd: b.queued,
    ...(a.invalidated === undefined ? {} : { invalidated: b.invalidated - a.invalidated, osr: b.osr - a.osr }) };
}

/**
 * TCP connections this machine accepted so far (`PassiveOpens` of /proc/net/snmp; every process's, so other users'
 * too): over a phase of N REST calls it tells whether the HTTP client kept its connections alive (about `--inflight`
 * new ones) or opened one per request (about N).
 */
export function tcpPassiveOpens() {
  try {
    const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Tcp:'));
    const names = lines[0].split(/\s+/), values = lines[1].split(/\s+/);
    return Number(values[names.indexOf('PassiveOpens')]);
  } catch {
    return NaN;
  }
}
