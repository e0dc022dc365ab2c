#!/usr/bin/env node
// scrape27: the lobby's CPU per /actuator/prometheus scrape on an idle lobby (profile cluster: PostgreSQL and the relay
// on loopback, a schema of its own). One lobby, nothing else asks it anything: WARM scrapes (its JIT), then ROUNDS
// rounds of N scrapes one after the other, each followed by an idle span of the same wall time, so the lobby's own
// background work (sweeps, presence, relay heartbeats) is taken out: (CPU over the scrapes - CPU over the idle span) / N.
//   node scrape-cpu.mjs --jar J [--scrapes 200] [--rounds 5] [--warm 1000] [--histograms] [--label L]
// --gap-ms G: instead, --scrapes scrapes G ms apart (as Prometheus's are seconds apart: nothing a scrape reads is
// reused by the next), each one's CPU from the lobby's threads' schedstat (ns) read right before and after it,
// summed by thread (which threads run a scrape); the idle span is not needed, a scrape's ~10 ms is all it spans.
// Run it under the bench lock (flock -x): it measures CPU. Needs SKIRMISH_TEST_POSTGRES_* like cluster-bench.sh.
import { openSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpuSeconds, startLobby } from './proc.mjs';
import { SERVER_VIEW_ARGS, schedByGroup } from './server-view.mjs';

const arg = (n, d) => { const i = process.argv.indexOf(`--${n}`); return i > 0 ? process.argv[i + 1] : d; };
const int = (n, d, lo, hi) => Math.min(hi, Math.max(lo, Number(arg(n, d)) | 0));
const JAR = arg('jar', '../target/lobby-service.jar'), N = int('scrapes', 200, 10, 5000), ROUNDS = int('rounds', 5, 1, 20);
const WARM = int('warm', 1000, 0, 20000), LABEL = arg('label', `scrape-cpu-${Date.now()}`);
const HIST = process.argv.includes('--histograms');
const GAP = int('gap-ms', 0, 0, 60_000);
const dbUrl = process.env.SKIRMISH_TEST_POSTGRES_URL ?? 'jdbc:postgresql://127.0.0.1:5432/skirmish_test';
const user = process.env.SKIRMISH_TEST_POSTGRES_USER ?? 'skirmish', password = process.env.SKIRMISH_TEST_POSTGRES_PASSWORD ?? 'skirmish';
if (!/^jdbc:postgresql:\/\/(127\.[\d.]+|localhost)[:/]/.test(dbUrl)) throw new Error('loopback only');
const schema = `bench_scrape_${Date.now()}_${process.pid}`;
const key = randomBytes(24).toString('hex');
const port = await new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });
mkdirSync('reports', { recursive: true });
const lobby = await startLobby({ jar: JAR, java: 'java', heap: '2g', port, h2: false, log: openSync(`reports/${LABEL}-lobby.log`, 'w'),
  extra: [...(HIST ? SERVER_VIEW_ARGS : []), '--spring.profiles.active=cluster', `--spring.flyway.schemas=${schema}`],
  env: { SKIRMISH_SERVICE_KEY: key, SKIRMISH_DB_URL: `${dbUrl}${dbUrl.includes('?') ? '&' : '?'}currentSchema=${schema}`,
    SKIRMISH_DB_USER: user, SKIRMISH_DB_PASSWORD: password } });
const url = `http://127.0.0.1:${port}/actuator/prometheus`;
let bytes = 0;
const scrape = async () => { const r = await fetch(url, { headers: { authorization: `Bearer ${key}` } }); const t = await r.text(); if (r.status !== 200) throw new Error(`scrape ${r.status}`); bytes = t.length; };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const rounds = [];
try {
  for (let i = 0; i < WARM; i++) await scrape();
  await sleep(2000);
  if (GAP) {
    const byGroup = new Map();
    let total = 0, wall = 0;
    for (let i = 0; i < N; i++) {
      await sleep(GAP);
      const a = schedByGroup(lobby.pid), t0 = performance.now();
      await scrape();
      const t1 = performance.now(), b = schedByGroup(lobby.pid);
      wall += t1 - t0;
      for (const [k, v] of b) {
        const d = v.cpu - (a.get(k)?.cpu ?? v.cpu);
        if (d > 0) { byGroup.set(k, (byGroup.get(k) ?? 0) + d); total += d; }
      }
    }
    rounds.push({ gapMs: GAP, wallMsEach: +(wall / N).toFixed(2), cpuMsEachLessIdle: +(1000 * total / N).toFixed(2),
      byThreadMsEach: Object.fromEntries([...byGroup].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, v]) => [k, +(1000 * v / N).toFixed(2)])) });
    console.log(JSON.stringify(rounds.at(-1)));
  }
  for (let r = 0; r < (GAP ? 0 : ROUNDS); r++) {
    const c0 = cpuSeconds(lobby.pid), t0 = performance.now();
    for (let i = 0; i < N; i++) await scrape();
    const c1 = cpuSeconds(lobby.pid), t1 = performance.now();
    await sleep(t1 - t0);
    const c2 = cpuSeconds(lobby.pid), t2 = performance.now();
    const idlePerMs = (c2 - c1) / (t2 - t1);
    rounds.push({ wallMsEach: +((t1 - t0) / N).toFixed(2), cpuMsEach: +(1000 * (c1 - c0) / N).toFixed(2),
      idleCpuMsPerSecond: +(1e6 * idlePerMs).toFixed(1), cpuMsEachLessIdle: +(1000 * ((c1 - c0) - idlePerMs * (t1 - t0)) / N).toFixed(2) });
    console.log(JSON.stringify(rounds.at(-1)));
  }
} finally {
  lobby.kill('SIGTERM');
  await sleep(1500);
  try { execFileSync('psql', ['-q', '-h', '127.0.0.1', '-U', user, '-d', dbUrl.replace(/.*\//, '').replace(/\?.*/, ''), '-c', `drop schema if exists ${schema} cascade`],
    { env: { ...process.env, PGPASSWORD: password, PGOPTIONS: '-c client_min_messages=warning' }, timeout: 30_000 }); } catch { console.error(`could not drop schema ${schema}`); }
}
const sorted = rounds.map((r) => r.cpuMsEachLessIdle).sort((a, b) => a - b);
const report = { jar: JAR, histograms: HIST, scrapes: N, warm: WARM, bytes, rounds, cpuMsEachMedian: sorted[Math.floor(sorted.length / 2)] };
writeFileSync(`reports/${LABEL}.json`, JSON.stringify(report, null, 2));
console.log(JSON.stringify({ label: LABEL, bytes, cpuMsEachMedian: report.cpuMsEachMedian }));
