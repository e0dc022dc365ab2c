package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.warm.WarmPool;
import java.io.IOException;
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
import tools.jackson.databind.JsonNode;

/**
 * Benchmark harness, not a test: it asserts nothing about speed and only runs when asked.
 * <pre>
 * ./mvnw -q -pl session-orchestrator -am verify -Dtest=OrchestratorBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dskirmish.benchmark=true [-Dskirmish.benchmark.cold=20] [-Dskirmish.benchmark.warm=1000]
 * </pre>
 * Writes session-orchestrator/target/benchmark-orchestrator.md: cold start-to-READY (POST round trip of a fresh
 * real game server, with and without AppCDS) p50/p99, and warm-pool allocation p99 (POST round trip when a warm
 * server is waiting).
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
        for (boolean cds : new boolean[] {true, false}) {
            if (cold > 0) {
                double[] ms = coldStarts(cold, cds);
                row(report, "cold start-to-READY, AppCDS " + (cds ? "on (archive warmed by 1 launch)" : "off"), ms);
                Files.writeString(out, report);
            }
        }
        if (warm > 0) {
            row(report, "warm-pool allocation (pool of 4)", warmAllocations(warm));
            Files.writeString(out, report);
        }
        System.out.println(report);
    }

    private Map<String, Object> props(Path d) {
        Map<String, Object> p = TestOrchestrator.defaults(d, TestJars.realServerJar());
        p.put("logging.level.dev.skirmish", "INFO");
        p.put("skirmish.orchestrator.port-range-start", 7600);
        p.put("skirmish.orchestrator.port-range-end", 7699);
        return p;
    }

    private double[] coldStarts(int n, boolean cds) throws IOException {
        Path d = Files.createDirectories(dir.resolve(cds ? "cold-cds" : "cold-plain"));
        Map<String, Object> p = props(d);
        p.put("skirmish.orchestrator.app-cds", cds);
        try (TestOrchestrator orch = TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p)) {
            if (cds) {
                startAndStop(orch, "cds-warmup"); // the first launch writes the archive
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                ms[i] = startAndStop(orch, "cold-" + i);
            }
            return ms;
        }
    }

    private double startAndStop(TestOrchestrator orch, String room) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = orch.post("/api/sessions", createBody(room, 30, "alice", "bob"));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 201) {
            String id = json(r).get("detail").asString().split(" ")[1];
            throw new IllegalStateException(r.body() + "\n" + orch.session(id));
        }
        String id = json(r).get("id").asString();
        orch.delete("/api/sessions/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
        return ms;
    }

    private double[] warmAllocations(int n) throws IOException {
        Path d = Files.createDirectories(dir.resolve("warm"));
        Map<String, Object> p = props(d);
        p.put("skirmish.orchestrator.warm-pool-size", 4);
        List<Double> ms = new ArrayList<>();
        try (TestOrchestrator orch = TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p)) {
            WarmPool pool = orch.bean(WarmPool.class);
            for (int i = 0; i < n; i++) {
                // untimed: wait until a warm server is READY and waiting
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> json(orch.get("/api/sessions?state=READY")).valueStream()
                                .anyMatch(s -> s.get("warm").asBoolean() && s.get("roomId").isNull()));
                long t0 = System.nanoTime();
                HttpResponse<String> r = orch.post("/api/sessions", createBody("warm-" + i, 30, "alice", "bob"));
                double took = (System.nanoTime() - t0) / 1e6;
                JsonNode s = json(r);
                if (r.statusCode() == 201 && s.get("warm").asBoolean()) {
                    ms.add(took);
                }
                if (r.statusCode() == 201) {
                    orch.delete("/api/sessions/" + s.get("id").asString());
                }
            }
            System.out.println("warm pool waiting at the end: " + pool.waiting());
        }
        return ms.stream().mapToDouble(Double::doubleValue).toArray();
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
