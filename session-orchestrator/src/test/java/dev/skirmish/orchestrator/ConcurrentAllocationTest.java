package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.warm.WarmPool;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** 100 simultaneous allocations against a warm pool and a small capacity: no port or warm server twice. */
class ConcurrentAllocationTest {
    @TempDir
    Path dir;

    @Test
    void hundredConcurrentAllocationsNeverDoubleAllocate() throws Exception {
        Map<String, Object> props = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        props.put("skirmish.orchestrator.warm-pool-size", 3);
        props.put("skirmish.orchestrator.max-sessions", 6);
        props.put("skirmish.orchestrator.port-range-start", TestOrchestrator.udp(7740));
        props.put("skirmish.orchestrator.port-range-end", TestOrchestrator.udp(7759));
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props)) {
            // generous waits: three JVM starts and their long polls on a loaded 2-core machine (failed at load 12-16)
            await().atMost(Duration.ofSeconds(60)).until(() -> json(orch.get("/api/sessions?state=READY")).size() == 3);

            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 100; i++) {
                    String body = createBody("room-" + i, 30, "alice", "bob");
                    calls.add(pool.submit(() -> orch.post("/api/sessions", body)));
                }
            }
            Set<Integer> ports = new HashSet<>();
            Set<String> ids = new HashSet<>();
            int created = 0;
            int warm = 0;
            for (Future<HttpResponse<String>> f : calls) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isIn(201, 503);
                if (r.statusCode() == 201) {
                    created++;
                    JsonNode s = json(r);
                    assertThat(ports.add(s.get("port").asInt())).as("port given twice: " + s).isTrue();
                    assertThat(ids.add(s.get("id").asString())).as("server given twice: " + s).isTrue();
                    warm += s.get("warm").asBoolean() ? 1 : 0;
                }
            }
            assertThat(created).isBetween(3, 6);
            assertThat(warm).isEqualTo(3);
            // every allocated warm server got exactly one room
            for (String id : ids) {
                JsonNode v = orch.session(id);
                assertThat(v.get("roomId").asString()).startsWith("room-");
                assertThat(v.get("players")).hasSize(2);
            }
            // and the warm servers received their match through the long poll
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                    .allMatch(id -> orch.session(id).get("state").asString().equals("RUNNING")));
            assertThat(orch.bean(WarmPool.class).waiting()).isLessThanOrEqualTo(3);
            assertThat(orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body())
                    .contains("skirmish_sessions_warm_allocations_total 3.0");
        }
    }
}
