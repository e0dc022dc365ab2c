package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.StartupCache;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Matches per machine: a real orchestrator launches N concurrent 6-player matches of the real game server at 60 Hz
 * (cold launches over {@code POST /api/sessions}, one after another, the AOT cache on), {@link MatchBots} plays them
 * from a JVM of its own at SCHED_IDLE, and after a warm-up the harness measures for T seconds: tick p99 and missed
 * ticks over all servers (their heartbeats, read from the session views each second), RSS and PSS per game server
 * ({@code /proc/<pid>/status}, {@code smaps_rollup}), CPU per match and per player (the servers' CPU time over the
 * window), start latency (the POST round trip). N steps up through {@code steps}; the run stops after the first N
 * that misses the bar (tick p99 ≤ 2 ms, 0 missed ticks). Report: {@code target/benchmark-permatch.md} and
 * {@code .json}, written after every step. Runs only with {@code -Dskirmish.benchmark.permatch=true}; no
 * assertions on speed; bounded (N ≤ 200, T ≤ 300 s, loopback only, every child stopped at the end).
 *
 * <pre>./mvnw -q -pl session-orchestrator -am verify -DskipITs -Dtest=MatchesPerMachineBenchmark \
 *   -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-XX:TieredStopAtLevel=1 -Dskirmish.benchmark.permatch=true \
 *   -Dskirmish.permatch.steps=10,25,50,75,100,125 -Dskirmish.permatch.seconds=30 -Dskirmish.permatch.warmup=10</pre>
 * Options: {@code players} (6), {@code jvm-options} (the orchestrator's default for matches of that size, or for
 * match hosts; comma-separated like the setting),
 * {@code stop-on-fail} (true), {@code matches-per-process} (1; above 1 the orchestrator places the matches into match
 * hosts, and memory and CPU are read once per process and divided by the matches in it), {@code gc-log} (true: every
 * server also gets {@code -Xlog:gc}, read back per step by {@link GcLog} for the GC columns), {@code tick-trace}
 * (false: true gives every match host {@code -Dskirmish.host.tick-trace}, and each step's slow ticks split by cause,
 * {@link TickTraceLog}).
 */
@EnabledIfSystemProperty(named = "skirmish.benchmark.permatch", matches = "true")
class MatchesPerMachineBenchmark {
    @TempDir
    Path dir;

    @Test
    void matchesPerMachine() throws Exception {
        int[] steps = Arrays.stream(System.getProperty("skirmish.permatch.steps", "1,2,4").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int seconds = Integer.getInteger("skirmish.permatch.seconds", 20);
        int warmup = Integer.getInteger("skirmish.permatch.warmup", 10);
        int players = Integer.getInteger("skirmish.permatch.players", 6);
        // on a shared machine a step can miss the bar for reasons of its own: false measures every step anyway
        boolean stopOnFail = Boolean.parseBoolean(System.getProperty("skirmish.permatch.stop-on-fail", "true"));
        int maxN = Arrays.stream(steps).max().orElse(1);
        if (maxN > 200 || Arrays.stream(steps).min().orElse(0) < 1 || seconds < 1 || seconds > 300 || warmup < 0 || warmup > 120
                || players < 1 || players > 8) {
            throw new IllegalArgumentException("steps 1..200, seconds 1..300, warmup 0..120, players 1..8");
        }
        Path out = Path.of("target/benchmark-permatch.md");
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        p.put("logging.level.dev.skirmish", "INFO");
        p.put("skirmish.orchestrator.port-range-start", 7300);
        p.put("skirmish.orchestrator.port-range-end", 7599);
        p.put("skirmish.orchestrator.max-sessions", maxN + 2);
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.ready-timeout", "60s");
        p.put("skirmish.orchestrator.missed-heartbeats", 10);
        // > 1: match hosts, several matches per game-server process (docs/architecture.md)
        int perProcess = Integer.getInteger("skirmish.permatch.matches-per-process", 1);
        if (perProcess < 1 || perProcess > 200) {
            throw new IllegalArgumentException("matches-per-process 1..200");
        }
        p.put("skirmish.orchestrator.matches-per-process", perProcess);
        p.put("skirmish.orchestrator.host-linger", "2s");
        String jvmOptions = System.getProperty("skirmish.permatch.jvm-options", "");
        // every game server logs its GC pauses for the GC columns (skirmish.permatch.gc-log=false: the options as given)
        String launched = jvmOptions.isBlank() ? String.join(",", GcLog.defaultJvmOptions(players, perProcess > 1))
                : jvmOptions;
        if (Boolean.parseBoolean(System.getProperty("skirmish.permatch.gc-log", "true"))) {
            launched = launched + "," + GcLog.option(dir);
        }
        // match hosts' slow ticks split by cause (TickTraceLog); off by default: it reads a /proc file twice a tick
        boolean trace = Boolean.parseBoolean(System.getProperty("skirmish.permatch.tick-trace", "false"));
        if (trace) {
            launched = launched + "," + TickTraceLog.option(dir);
        }
        p.put("skirmish.orchestrator.jvm-options", launched);
        List<PerMatchReport.Step> done = new ArrayList<>();
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            // untimed: the first launch starts the AOT cache's training run; wait for the cache as the cold benchmark does
            String first = json(orch.post("/api/sessions", createBody("warmup", 30, "alice", "bob"))).get("id").asString();
            orch.delete("/api/sessions/" + first);
            String java = orch.bean(LocalProcessLauncher.class).javaCommand();
            await().atMost(Duration.ofMinutes(3)).until(() -> orch.bean(StartupCache.class).ready(java, TestJars.realServerJar()));
            for (int n : steps) {
                PerMatchReport.Step s = step(orch, n, players, warmup, seconds);
                done.add(s);
                PerMatchReport.write(out, done, jvmOptions, players, warmup, seconds, perProcess);
                if (!s.passes() && stopOnFail) break;
            }
        }
        System.out.println(Files.readString(out));
    }

    private static String load() {
        String[] f = WarmAllocationPhase.loadAverage().split(" ");
        return String.join(" ", Arrays.copyOf(f, Math.min(3, f.length)));
    }

    private PerMatchReport.Step step(TestOrchestrator orch, int n, int players, int warmup, int seconds) throws Exception {
        String loadBefore = load();
        String[] names = new String[players];
        for (int i = 0; i < players; i++) names[i] = "bot" + i;
        List<String> ids = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        double[] startMs = new double[n];
        Process bots = null;
        Path tokenFile = Files.createTempFile(dir, "tokens", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = orch.post("/api/sessions", createBody("permatch-" + n + "-" + i, warmup + seconds + 120, names));
                startMs[i] = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 201) throw new IllegalStateException("start " + i + " of " + n + ": " + r.statusCode() + " " + r.body());
                JsonNode s = json(r);
                ids.add(s.get("id").asString());
                s.get("connectTokens").forEach(t -> tokens.add(t.get("token").asString()));
                pids.add(orch.session(s.get("id").asString()).get("pid").asLong());
            }
            Files.write(tokenFile, tokens);
            List<String> cmd = new ArrayList<>(List.of("chrt", "--idle", "0", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // the serial collector: no concurrent GC threads competing with the servers for the two cores
                    "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    MatchBots.class.getName(), tokenFile.toString(), "60"));
            bots = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader botOut = new BufferedReader(new InputStreamReader(bots.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = botOut.readLine()) != null && !line.startsWith("CONNECTED")) {
                // JVM notices first
            }
            if (line == null) throw new IllegalStateException("the bots could not connect");
            Files.delete(tokenFile);
            waitSeconds(warmup);

            Map<String, Long> missedAtStart = missedTicks(orch, ids);
            // one process may hold several matches: memory and CPU are counted once per process
            List<Long> processes = pids.stream().distinct().toList();
            int procs = processes.size();
            long[] cpuStart = processes.stream().mapToLong(MatchesPerMachineBenchmark::cpuNanos).toArray();
            long botCpuStart = cpuNanos(bots.pid());
            bots.getOutputStream().write('\n'); // the bots count their inputs from here
            bots.getOutputStream().flush();
            double[] rss = new double[procs];
            double[] pss = new double[procs];
            List<Double> windows = new ArrayList<>();
            double maxWindow = 0;
            long t0 = System.nanoTime();
            java.time.Instant windowStart = java.time.Instant.now();
            for (int sec = 0; sec < seconds; sec++) {
                waitSeconds(1);
                for (int i = 0; i < n; i++) {
                    JsonNode stats = orch.session(ids.get(i)).path("lastStats");
                    if (stats.has("tickMsP99")) {
                        windows.add(stats.get("tickMsP99").asDouble());
                        maxWindow = Math.max(maxWindow, stats.path("tickMsMax").asDouble());
                    }
                }
                for (int i = 0; i < procs; i++) {
                    Map<String, Long> mem = memory(processes.get(i));
                    rss[i] = Math.max(rss[i], mem.getOrDefault("VmRSS", 0L) / 1024.0);
                    pss[i] = Math.max(pss[i], mem.getOrDefault("Pss", 0L) / 1024.0);
                }
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long cpu = 0;
            for (int i = 0; i < procs; i++) cpu += cpuNanos(processes.get(i)) - cpuStart[i];
            double botCores = (cpuNanos(bots.pid()) - botCpuStart) / 1e9 / wall;
            Map<String, Long> missedAtEnd = missedTicks(orch, ids);
            long missed = 0;
            int lost = 0;
            for (String id : ids) {
                if (!missedAtEnd.containsKey(id)) {
                    lost++;
                    continue;
                }
                missed += missedAtEnd.get(id) - missedAtStart.getOrDefault(id, 0L);
            }
            GcLog.Summary gc = GcLog.summarize(dir, processes, windowStart, java.time.Instant.now());
            bots.getOutputStream().close(); // the bots stop and print what they delivered
            if (!bots.waitFor(15, TimeUnit.SECONDS)) bots.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            String last = null;
            for (String l; (l = botOut.readLine()) != null; ) {
                if (l.startsWith("INPUTS ")) last = l;
            }
            return new PerMatchReport.Step(n, startMs, windows, maxWindow, missed, rss, pss, cpu / 1e9 / wall, botCores, players, loadBefore,
                    load(), lost, gc, MatchBots.Delivery.parse(last), TickTraceLog.summarize(dir, processes, windowStart, java.time.Instant.now()));
        } finally {
            Files.deleteIfExists(tokenFile);
            if (bots != null) {
                bots.getOutputStream().close();
                if (!bots.waitFor(15, TimeUnit.SECONDS)) bots.destroyForcibly();
            }
            for (String id : ids) orch.delete("/api/sessions/" + id);
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> {
                String state = orch.session(id).get("state").asString();
                return state.equals("ENDED") || state.equals("FAILED") || state.equals("CRASHED");
            }));
        }
    }

    /** Missed ticks of each session still RUNNING (from its latest heartbeat); a session that is not is left out. */
    private static Map<String, Long> missedTicks(TestOrchestrator orch, List<String> ids) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String id : ids) {
            JsonNode s = orch.session(id);
            if (s.get("state").asString().equals("RUNNING")) m.put(id, s.path("lastStats").path("missedTicks").asLong());
        }
        return m;
    }

    private static void waitSeconds(int s) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(s);
        for (long left; (left = end - System.nanoTime()) > 0; ) TimeUnit.NANOSECONDS.sleep(left);
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    /** VmRSS from /proc/pid/status and Pss from smaps_rollup, in kB. */
    static Map<String, Long> memory(long pid) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) m.put("VmRSS", Long.parseLong(l.replaceAll("[^0-9]", "")));
            }
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (l.startsWith("Pss:")) m.put("Pss", Long.parseLong(l.replaceAll("[^0-9]", "")));
            }
        } catch (java.io.IOException gone) {
            // the server ended
        }
        return m;
    }
}
