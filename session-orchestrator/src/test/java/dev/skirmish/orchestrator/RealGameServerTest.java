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
        // three ports, one server kept warm: the kill test below must get the crashed server's port back
        orch = RealServerOrchestrator.start(dir, 7780, 7782, 1);
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

    @Test
    void aWarmServerPlaysTheAllocatedMatchWithItsPlayersAndLengthAndThePoolRefills() throws Exception {
        String idle = awaitIdleWarm();
        HttpResponse<String> r = orch.post("/api/sessions", createBody("real-warm-match", 10, "alice", "bob"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = json(r);
        assertThat(created.get("warm").asBoolean()).isTrue();
        String id = created.get("id").asString();
        assertThat(id).isEqualTo(idle);
        assertThat(created.get("matchSeconds").asInt()).isEqualTo(10);

        // both stay connected for the whole match: it must end by its (allocated) length, not the default 180 s
        List<GameClient> clients = new ArrayList<>();
        try {
            for (JsonNode t : created.get("connectTokens")) {
                clients.add(GameClient.connect(t.get("token").asString(), Duration.ofSeconds(5)));
            }
            // meanwhile the pool starts a replacement
            String replacement = awaitIdleWarm();
            assertThat(replacement).isNotEqualTo(id);
            await().atMost(Duration.ofSeconds(25)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
        } finally {
            clients.forEach(GameClient::close);
        }
        JsonNode ended = orch.session(id);
        assertThat(ended.get("endReason").asString()).isEqualTo("MATCH_END");
        JsonNode result = ended.get("result");
        // its 10 s, not the default 180 s; the upper bound is loose because missed ticks on a loaded machine
        // stretch the wall-clock length (12.3 s was seen at load 15)
        assertThat(result.get("durationSeconds").asDouble()).isBetween(9.0, 60.0);
        Set<String> names = new HashSet<>();
        result.get("players").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("alice", "bob");
        // the server exits by itself (a first launch also writes the CDS archive on its way out); the port returns
        int port = created.get("port").asInt();
        await().atMost(Duration.ofSeconds(20)).until(() -> !orch.bean(PortPool.class).inUse(port));
    }

    /** The id of a warm server that is READY and not allocated, once there is one. */
    private static String awaitIdleWarm() {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode s : json(orch.get("/api/sessions?state=READY"))) {
                if (s.get("warm").asBoolean() && s.get("roomId").isNull()) {
                    found[0] = s.get("id").asString();
                    return true;
                }
            }
            return false;
        });
        return found[0];
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
