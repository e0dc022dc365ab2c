package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.PortPool;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.connection.ClientState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Against the real game-server jar (../game-server/target/game-server.jar, built first by the reactor): players
 * connect with the tokens, a warm server is allocated, kill -9 is CRASHED within 5 s and the port reused.
 */
class RealGameServerTest {
    @TempDir
    static Path dir;
    static TestOrchestrator orch;

    @BeforeAll
    static void start() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.realServerJar());
        // three ports, one server kept warm: the kill test below must get the crashed server's port back
        p.put("skirmish.orchestrator.port-range-start", 7780);
        p.put("skirmish.orchestrator.port-range-end", 7782);
        p.put("skirmish.orchestrator.warm-pool-size", 1);
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p);
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    @Test
    void playersConnectWithTheirTokensToWarmAndColdServers() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> json(orch.get("/api/sessions?state=READY")).size() == 1);
        HttpResponse<String> warm = orch.post("/api/sessions", createBody("real-warm", 30, "alice", "bob"));
        assertThat(warm.statusCode()).as(warm.body()).isEqualTo(201);
        assertThat(json(warm).get("warm").asBoolean()).isTrue();
        connectAll(json(warm));

        // the pool refills in the background; this one gets the refilled warm server or a cold start
        HttpResponse<String> second = orch.post("/api/sessions", createBody("real-2", 30, "carol"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        connectAll(json(second));

        for (JsonNode s : new JsonNode[] {json(warm), json(second)}) {
            String id = s.get("id").asString();
            await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("RUNNING"));
            assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(15)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
            assertThat(orch.session(id).get("result").get("reason").asString()).isEqualTo("SHUTDOWN");
        }
    }

    private static void connectAll(JsonNode created) {
        for (JsonNode t : created.get("connectTokens")) {
            try (GameClient client = GameClient.connect(t.get("token").asString(), Duration.ofSeconds(5))) {
                assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
            }
        }
    }

    @Test
    void kill9IsCrashedWithin5sAndItsPortIsReused() {
        HttpResponse<String> r = orch.post("/api/sessions", createBody("real-kill", 30, "dave"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("id").asString();
        int port = json(r).get("port").asInt();
        long pid = orch.session(id).get("pid").asLong();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("CRASHED"));
        // every other port ends up taken, so the freed one is handed out again
        List<String> taken = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> next = orch.post("/api/sessions", createBody("real-kill-" + taken.size(), 30, "erin"));
            if (next.statusCode() == 201) {
                taken.add(json(next).get("id").asString());
                ports.add(json(next).get("port").asInt());
            }
            return ports.contains(port);
        });
        taken.forEach(t -> orch.delete("/api/sessions/" + t));
        await().atMost(Duration.ofSeconds(15)).until(() -> taken.stream()
                .allMatch(t -> orch.session(t).get("state").asString().equals("ENDED")));
    }
}
