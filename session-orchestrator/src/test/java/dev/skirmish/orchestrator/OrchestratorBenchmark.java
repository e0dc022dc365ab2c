package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.StartupCache;
import dev.skirmish.orchestrator.sessions.CreateSessionRequest;
import dev.skirmish.orchestrator.sessions.CreatedSession;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.PlayerRequest;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionService;
import dev.skirmish.orchestrator.sessions.SessionState;
import dev.skirmish.orchestrator.warm.WarmPool;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark harness, not a test: it asserts nothing about speed and only runs when asked.
 * <pre>
 * ./mvnw -q -pl session-orchestrator -am verify -Dtest=OrchestratorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dskirmish.benchmark=true [-Dskirmish.benchmark.cold=20] [-Dskirmish.benchmark.warm=1000]
 *     [-Dskirmish.benchmark.warm-real=100] [-Dskirmish.benchmark.warm-pool=40] [-Dskirmish.benchmark.warm-pool-real=20]
 *     [-Dskirmish.benchmark.warm-direct=200] [-Dskirmish.benchmark.warm-minutes=25]
 * </pre>
 * Each warm phase starts no new batch after {@code warm-minutes}; the report says how many were measured.
 * Warm allocation never waits on the game server (the POST answers once the allocation is stored and the server's
 * long poll released), so {@code warm} allocations run against the small fake server, which makes 1,000 of them
 * (each consuming one launched server) affordable on 2 cores; {@code warm-real} repeats it with the real server.
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
        int warm = Integer.getInteger("skirmish.benchmark.warm", 1000);
        StringBuilder report = new StringBuilder();
        report.append("Run ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, Java ").append(Runtime.version()).append(", real game-server jar\n\n")
                .append("| measurement | n | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        Path out = Path.of("target/benchmark-orchestrator.md");
        // written after every phase, so a long run that is cut short keeps what it measured
        for (boolean cache : new boolean[] {true, false}) {
            if (cold > 0) {
                ColdStartStages stages = new ColdStartStages();
                double[] ms = coldStarts(cold, cache, stages);
                row(report, "cold start-to-READY, AOT cache " + (cache ? "on" : "off"), ms);
                for (int i = 0; i < ColdStartStages.NAMES.length; i++) {
                    row(report, "&nbsp;&nbsp;" + ColdStartStages.NAMES[i], stages.stage(i));
                }
                Files.writeString(out, report);
            }
        }
        int warmReal = Integer.getInteger("skirmish.benchmark.warm-real", 100);
        if (warmReal > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool-real", 20);
            row(report, "warm-pool allocation, real game servers (batches of " + k + ")",
                    column(warmAllocations(warmReal, k, TestJars.realServerJar(), "real", OrchestratorBenchmark::overHttp), 0));
            Files.writeString(out, report);
        }
        if (warm > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool", 40);
            row(report, "warm-pool allocation, fake game servers (batches of " + k + ")",
                    column(warmAllocations(warm, k, TestJars.fakeServerJar(), "fake", OrchestratorBenchmark::overHttp), 0));
            Files.writeString(out, report);
        }
        int direct = Integer.getInteger("skirmish.benchmark.warm-direct", 200);
        if (direct > 0) {
            int k = Integer.getInteger("skirmish.benchmark.warm-pool", 40);
            List<double[]> both = warmAllocations(direct, k, TestJars.fakeServerJar(), "direct", OrchestratorBenchmark::inProcess);
            row(report, "warm allocation in-process (SessionService.create, no HTTP), wall", column(both, 0));
            row(report, "warm allocation in-process, CPU time of the allocating thread", column(both, 1));
            Files.writeString(out, report);
        }
        System.out.println(report);
    }

    private Map<String, Object> props(Path d) {
        Map<String, Object> p = TestOrchestrator.defaults(d, TestJars.realServerJar());
        p.put("logging.level.dev.skirmish", "INFO");
        p.put("skirmish.orchestrator.port-range-start", 7600);
        p.put("skirmish.orchestrator.port-range-end", 7699);
        // many JVMs start at once when the warm pool refills on 2 cores: don't fail slow starts or late beats
        p.put("skirmish.orchestrator.ready-timeout", "60s");
        p.put("skirmish.orchestrator.missed-heartbeats", 10);
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

    /**
     * Batches of {@code k} allocations: the pool is refilled (untimed) until k warm servers wait, then k
     * allocations are timed one after another with no server starting meanwhile, then all are stopped (untimed).
     * The first batch warms up the orchestrator's JIT and is not counted.
     */
    /** One timed allocation: {wall ms, CPU ms of the allocating thread (NaN when not measurable)}. */
    private interface Allocator {
        double[] allocate(TestOrchestrator orch, String room);
    }

    private static double[] overHttp(TestOrchestrator orch, String room) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = orch.post("/api/sessions", createBody(room, 30, "alice", "bob"));
        double took = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 201 || !json(r).get("warm").asBoolean()) {
            throw new IllegalStateException("not a warm allocation: " + r.body());
        }
        return new double[] {took, Double.NaN};
    }

    /** The orchestrator's own cost without HTTP; its CPU time shows what is left when the machine is not overloaded. */
    private static double[] inProcess(TestOrchestrator orch, String room) {
        SessionService sessions = orch.bean(SessionService.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CreateSessionRequest request = new CreateSessionRequest(room,
                List.of(new PlayerRequest("p-alice", "alice"), new PlayerRequest("p-bob", "bob")), 30);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CreatedSession created = sessions.create(request);
        double took = (System.nanoTime() - t0) / 1e6;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        if (!created.warm()) {
            throw new IllegalStateException("not a warm allocation: " + created.id());
        }
        return new double[] {took, cpu};
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).toArray();
    }

    private List<double[]> warmAllocations(int n, int k, Path jar, String name, Allocator allocator) throws IOException {
        Path d = Files.createDirectories(dir.resolve("warm-" + name));
        Map<String, Object> p = props(d);
        p.put("skirmish.orchestrator.game-server-jar", jar.toString());
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.warm-pool-size", k);
        p.put("skirmish.orchestrator.max-sessions", 2 * k + 5);
        p.put("skirmish.orchestrator.warm-refill-period", "1h"); // only at startup; the harness refills
        List<double[]> ms = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(Integer.getInteger("skirmish.benchmark.warm-minutes", 25)).toNanos();
        try (TestOrchestrator orch = TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p)) {
            WarmPool pool = orch.bean(WarmPool.class);
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            for (int batch = 0; ms.size() < n && System.nanoTime() < deadline; batch++) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    pool.refill();
                    return idleWarm(registry) >= k;
                });
                int take = batch == 0 ? k : Math.min(k, n - ms.size());
                for (int i = 0; i < take; i++) {
                    double[] took = allocator.allocate(orch, "warm-" + batch + "-" + i);
                    if (batch > 0) {
                        ms.add(took);
                    }
                }
                registry.all().stream().filter(s -> s.roomId() != null)
                        .forEach(s -> orch.delete("/api/sessions/" + s.id()));
                await().atMost(Duration.ofMinutes(1)).until(() -> registry.all().stream().allMatch(s -> s.roomId() == null));
                System.out.printf("warm batch %d done, %d allocations timed%n", batch, ms.size());
            }
            int launches = (int) orch.bean(io.micrometer.core.instrument.MeterRegistry.class)
                    .get("skirmish.sessions.launches").counter().count();
            System.out.println("warm servers launched: " + launches);
        }
        return ms;
    }

    private static long idleWarm(SessionRegistry registry) {
        return registry.all().stream()
                .filter(s -> s.warm() && s.roomId() == null && s.state() == SessionState.READY).count();
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
