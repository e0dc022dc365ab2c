package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.StartupCache;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark harness, not a test: it asserts nothing about speed and only runs when asked. The orchestrator runs in
 * this JVM, so give it the JVM options it is deployed with ({@code ./skirmish}, the Dockerfile: C1 only):
 * <pre>
 * ./mvnw -q -pl session-orchestrator -am verify -DskipITs -Dtest=OrchestratorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -DargLine=-XX:TieredStopAtLevel=1 -Dskirmish.benchmark=true [-Dskirmish.benchmark.cold=20]
 *     [-Dskirmish.benchmark.warm-real=1000] [-Dskirmish.benchmark.warm=0] [-Dskirmish.benchmark.warm-pool-real=20]
 *     [-Dskirmish.benchmark.warm-pool=20] [-Dskirmish.benchmark.warm-direct=200] [-Dskirmish.benchmark.warm-minutes=25]
 *     [-Dskirmish.benchmark.warmup-batches=5] [-Dskirmish.benchmark.settle-cores=0.03] [-Dskirmish.benchmark.settle-max=60]
 *     [-Dskirmish.benchmark.refill-starting=4] [-Dskirmish.benchmark.warm-gap-ms=0]
 * </pre>
 * Each warm phase starts no new batch after {@code warm-minutes}; the report says how many were measured. How a
 * warm batch is prepared (refill, settling, untimed warm-up batches) and timed: {@link WarmAllocationPhase}. Cold
 * starts are also broken down into stages ({@link ColdStartStages}).
 * {@code warm-real} allocates real game servers (each allocation consumes one launched JVM; an idle warm server
 * sleeps until allocated, so a waiting pool costs little); {@code warm} repeats it with the small fake server from
 * the tests, {@code warm-direct} calls {@code SessionService.create} in-process (no HTTP).
 * Writes session-orchestrator/target/benchmark-orchestrator.md: cold start-to-READY (POST round trip of a fresh
 * real game server, with and without the AOT cache) p50/p99, and warm-pool allocation p99 (POST round trip when a
 * warm server is waiting).
 */
@EnabledIfSystemProperty(named = "skirmish.benchmark", matches = "true")
class OrchestratorBenchmark {
    @TempDir
    Path dir;

    @Test
    void run() throws IOException {
        int cold = Integer.getInteger("skirmish.benchmark.cold", 20);
        int warm = Integer.getInteger("skirmish.benchmark.warm", 0);
        StringBuilder report = new StringBuilder();
        report.append("Run ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, Java ").append(Runtime.version()).append(", real game-server jar\n\n")
                .append("| measurement | n | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        Path out = Path.of("target/benchmark-orchestrator.md");
        StringBuilder notes = new StringBuilder("\n");
        // written after every phase, so a long run that is cut short keeps what it measured
        for (boolean cache : new boolean[] {true, false}) {
            if (cold > 0) {
                ColdStartStages stages = new ColdStartStages();
                String load = WarmAllocationPhase.loadAverage();
                double[] ms = coldStarts(cold, cache, stages);
                notes.append("- cold, AOT cache ").append(cache ? "on" : "off").append(": load average ").append(load)
                        .append(" before, ").append(WarmAllocationPhase.loadAverage()).append(" after\n");
                row(report, "cold start-to-READY, AOT cache " + (cache ? "on" : "off"), ms);
                for (int i = 0; i < ColdStartStages.NAMES.length; i++) {
                    row(report, "&nbsp;&nbsp;" + ColdStartStages.NAMES[i], stages.stage(i));
                }
                Files.writeString(out, report.toString() + notes);
            }
        }
        int warmReal = Integer.getInteger("skirmish.benchmark.warm-real", 1000);
        if (warmReal > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool-real", 20);
            WarmAllocationPhase.Result r = warm("real", warmReal, k, TestJars.realServerJar(), WarmAllocationPhase::overHttp);
            row(report, "warm-pool allocation, real game servers (batches of " + k + ")", r.column(0));
            notes.append("- warm, real servers: ").append(r.describe()).append('\n');
            Files.writeString(out, report.toString() + notes);
        }
        if (warm > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool", 20);
            WarmAllocationPhase.Result r = warm("fake", warm, k, TestJars.fakeServerJar(), WarmAllocationPhase::overHttp);
            row(report, "warm-pool allocation, fake game servers (batches of " + k + ")", r.column(0));
            notes.append("- warm, fake servers: ").append(r.describe()).append('\n');
            Files.writeString(out, report.toString() + notes);
        }
        int direct = Integer.getInteger("skirmish.benchmark.warm-direct", 200);
        if (direct > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool", 20);
            WarmAllocationPhase.Result r = warm("direct", direct, k, TestJars.fakeServerJar(), WarmAllocationPhase::inProcess);
            row(report, "warm allocation in-process (SessionService.create, no HTTP), wall", r.column(0));
            row(report, "warm allocation in-process, CPU time of the allocating thread", r.column(1));
            notes.append("- in-process: ").append(r.describe()).append('\n');
            Files.writeString(out, report.toString() + notes);
        }
        System.out.println(report.toString() + notes);
    }

    private WarmAllocationPhase.Result warm(String name, int n, int k, Path jar, WarmAllocationPhase.Allocator allocator)
            throws IOException {
        Path d = Files.createDirectories(dir.resolve("warm-" + name));
        Map<String, Object> p = props(d);
        if (!jar.equals(TestJars.realServerJar())) {
            // the orchestrator's default game-server options, and heartbeats every second like the real server
            p.put("skirmish.orchestrator.jvm-options",
                    "-Xss512k,-Xmx256m,-XX:TieredStopAtLevel=1,-XX:+UseSerialGC,-Dfake.heartbeat-ms=1000");
        }
        return new WarmAllocationPhase().run(d, p, n, k, jar, allocator);
    }

    private Map<String, Object> props(Path d) {
        Map<String, Object> p = TestOrchestrator.defaults(d, TestJars.realServerJar());
        p.put("logging.level.dev.skirmish", "INFO");
        p.put("skirmish.orchestrator.port-range-start", 7600);
        p.put("skirmish.orchestrator.port-range-end", 7699);
        // many JVMs start at once when the warm pool refills on 2 cores: don't fail slow starts or late beats
        p.put("skirmish.orchestrator.ready-timeout", "60s");
        p.put("skirmish.orchestrator.missed-heartbeats", 10);
        // the production hold (the tests' 2 s would have every waiting warm server poll again twice as often as it
        // sends heartbeats)
        p.put("skirmish.orchestrator.allocation-poll-timeout", "25s");
        return p;
    }

    private double[] coldStarts(int n, boolean cache, ColdStartStages stages) throws IOException {
        Path d = Files.createDirectories(dir.resolve(cache ? "cold-aot" : "cold-plain"));
        Map<String, Object> p = props(d);
        p.put("skirmish.orchestrator.app-cds", cache);
        try (TestOrchestrator orch = TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p)) {
            startAndStop(orch, "warmup", null); // untimed: the orchestrator's first request; starts the AOT training
            if (cache) {
                StartupCache startupCache = orch.bean(StartupCache.class);
                String java = orch.bean(LocalProcessLauncher.class).javaCommand();
                await().atMost(Duration.ofMinutes(3)).until(() -> startupCache.ready(java, TestJars.realServerJar()));
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                ms[i] = startAndStop(orch, "cold-" + i, stages);
            }
            return ms;
        }
    }

    /** One timed cold start; its stages go to {@code stages} (untimed: read after the round trip). */
    private double startAndStop(TestOrchestrator orch, String room, ColdStartStages stages) {
        Instant sent = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> r = orch.post("/api/sessions", createBody(room, 30, "alice", "bob"));
        double ms = (System.nanoTime() - t0) / 1e6;
        Instant received = Instant.now();
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.body());
        }
        String id = json(r).get("id").asString();
        if (stages != null) {
            LiveSession live = orch.bean(SessionRegistry.class).find(id).orElseThrow();
            Path log = orch.dir.resolve("logs").resolve(id + ".log");
            // the server logs its line once the orchestrator answered its callback, maybe just after our 201
            await().atMost(Duration.ofSeconds(5)).until(() -> ColdStartStages.jvmStartAndBound(log).isPresent());
            stages.add(sent, received, live.startTimes(), log);
        }
        orch.delete("/api/sessions/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
        return ms;
    }

    private static void row(StringBuilder sb, String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        sb.append(String.format("| %s | %d | %.1f | %.1f | %.1f |%n", name, sorted.length, pct(sorted, 50),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))];
    }
}
