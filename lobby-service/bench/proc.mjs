// The lobby process as the driver sees it: CPU and RSS from /proc, and the process itself when the driver starts it.
import { readFileSync, mkdtempSync } from 'node:fs';
import { execSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

/** Resident set size in KiB. */
export function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export function loadavg() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * Starts the lobby jar on a loopback port with the bench settings the Java harness uses (H2 in a temp directory,
 * abuse limits raised for one address) plus `extra` arguments; resolves once it is ready (bounded: 180 s).
 */
export async function startLobby({ jar, java, heap, port, extra, jvm = [], log }) {
  const db = mkdtempSync(join(tmpdir(), 'lobby-node-bench-'));
  const args = [`-Xmx${heap}`, '-XX:+UseG1GC', ...jvm, '-jar', jar, `--server.port=${port}`, '--server.address=127.0.0.1',
    `--spring.datasource.url=jdbc:h2:file:${db}/lobby`, '--skirmish.lobby.token-secret=bench-secret-0123456789abcdef',
    '--server.tomcat.max-connections=20000', '--server.tomcat.accept-count=1000',
    '--skirmish.lobby.limits.guest-sign-ups-per-address=1000000', '--skirmish.lobby.limits.join-attempts-per-player=1000',
    '--logging.level.root=WARN', '--logging.level.dev.skirmish=WARN', ...extra];
  const child = spawn(java, args, { stdio: ['ignore', log, log] });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/actuator/health/readiness`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return child;
    } catch { /* still starting */ }
    await new Promise((ok) => setTimeout(ok, 500));
  }
  child.kill('SIGKILL');
  throw new Error('lobby did not become ready within 180 s');
}

/** p50/p99/max of a list of milliseconds. */
export function percentiles(ms) {
  if (ms.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(ms).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}
