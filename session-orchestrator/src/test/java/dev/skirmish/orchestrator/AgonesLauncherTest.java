package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.agones.FleetCredentials;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator with {@code skirmish.orchestrator.launcher=agones} against fabric8's Kubernetes mock server
 * (CRUD mode) and a stand-in for the Agones controller ({@link AgonesStandIn}); the test plays each allocated game
 * server: it fetches its assignment with the fleet credential and reports READY with the session key it got.
 */
class AgonesLauncherTest {
    static final String FLEET_SECRET = "fleet-secret-for-tests-0123456789abcdef";

    @TempDir
    Path dir;
    AgonesStandIn agones;
    volatile TestOrchestrator orch;

    @BeforeEach
    void cluster() {
        agones = new AgonesStandIn();
        agones.onAllocated = this::playGameServer;
    }

    @AfterEach
    void down() {
        agones.close();
    }

    private Map<String, Object> props() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, dir.resolve("no-jar-needed.jar"));
        p.put("skirmish.orchestrator.launcher", "agones");
        p.put("skirmish.orchestrator.agones.master-url", agones.url());
        p.put("skirmish.orchestrator.agones.namespace", AgonesStandIn.NAMESPACE);
        p.put("skirmish.orchestrator.agones.fleet", AgonesStandIn.FLEET);
        p.put("skirmish.orchestrator.agones.fleet-secret", FLEET_SECRET);
        p.put("skirmish.orchestrator.agones.required-labels.region", "eu-west");
        p.put("skirmish.orchestrator.agones.preferred-labels[0].zone", "eu-west-1a");
        p.put("skirmish.orchestrator.agones.allocation-attempts", 3);
        p.put("skirmish.orchestrator.agones.allocation-backoff", "50ms");
        p.put("skirmish.orchestrator.agones.watch-interval", "100ms");
        p.put("skirmish.orchestrator.ready-timeout", "10s");
        p.put("skirmish.orchestrator.stop-sessions-on-shutdown", false);
        // the test's stand-in servers do not heartbeat
        p.put("skirmish.orchestrator.missed-heartbeats", 1000);
        return p;
    }

    /** What the real game server does once Allocated (game-server's Agones mode): fetch, then READY. */
    private void playGameServer(String gameServerName) {
        TestOrchestrator o = orch;
        String credential = new FleetCredentials(FLEET_SECRET).credentialFor(gameServerName);
        // the GameServer can show Allocated before the orchestrator has read the allocation's answer: 404 = not yet
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> r;
        do {
            r = o.send("GET", "/internal/agones/gameservers/" + gameServerName + "/assignment", null, credential);
        } while (r.statusCode() == 404 && System.nanoTime() < deadline && pause());
        if (r.statusCode() != 200) {
            return;
        }
        JsonNode a = json(r);
        o.send("POST", "/internal/sessions/" + a.get("sessionId").asString() + "/ready",
                "{\"address\":\"0.0.0.0\",\"port\":7000}", a.get("sessionKey").asString());
    }

    /** The id of a session this POST created; a refusal fails with the orchestrator's answer, not a null. */
    private static String created(TestOrchestrator o, String body) {
        HttpResponse<String> r = o.post("/api/sessions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void allocatesAReadyGameServerAndTokensCarryItsAddress() {
        agones.readyGameServer("gs-other-region", "10.0.0.9", 7009, Map.of("region", "us-east"));
        agones.readyGameServer("gs-a", "10.0.0.1", 7101, Map.of("region", "eu-west"));
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props());
        try (TestOrchestrator o = orch) {
            HttpResponse<String> r = o.post("/api/sessions", createBody("room-a", 60, "alice", "bob"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode created = json(r);
            String id = created.get("id").asString();
            assertThat(created.get("host").asString()).isEqualTo("10.0.0.1");
            assertThat(created.get("port").asInt()).isEqualTo(7101);
            assertThat(created.get("connectTokens")).hasSize(2);

            GenericKubernetesResource gs = agones.gameServer("gs-a");
            assertThat(AgonesStandIn.state(gs)).isEqualTo("Allocated");
            assertThat(gs.getMetadata().getAnnotations()).containsEntry("skirmish.dev/session-id", id);
            // nothing secret in object metadata: anyone who may list GameServers reads it
            String metadata = gs.getMetadata().toString();
            assertThat(metadata).doesNotContain(created.get("connectTokens").get(0).get("token").asString());
            assertThat(AgonesStandIn.state(agones.gameServer("gs-other-region"))).isEqualTo("Ready");

            // preferred selector first, then the required one, each with the fleet's label
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> selectors = (List<Map<String, Object>>) ((Map<String, Object>)
                    agones.allocations.getFirst().getAdditionalProperties().get("spec")).get("selectors");
            assertThat(selectors).extracting(s -> s.get("matchLabels")).containsExactly(
                    Map.of("zone", "eu-west-1a", "agones.dev/fleet", AgonesStandIn.FLEET),
                    Map.of("region", "eu-west", "agones.dev/fleet", AgonesStandIn.FLEET));

            JsonNode view = o.session(id);
            assertThat(view.get("state").asString()).isEqualTo("READY");
            assertThat(view.get("host").asString()).isEqualTo("10.0.0.1");
            assertThat(view.get("port").asInt()).isEqualTo(7101);
        }
    }

    @Test
    void withoutAFleetSecretTheOrchestratorRefusesToStart() {
        // an orchestrator that allocates servers which can never fetch their match would fail every start later
        Map<String, Object> p = props();
        p.put("skirmish.orchestrator.agones.fleet-secret", "too-short");
        assertThatThrownBy(() -> TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p))
                .rootCause().hasMessageContaining("fleet-secret");
        Map<String, Object> warm = props();
        warm.put("skirmish.orchestrator.warm-pool-size", 2);
        assertThatThrownBy(() -> TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), warm))
                .rootCause().hasMessageContaining("warm-pool-size must be 0");
    }

    @Test
    void noCapacityFailsTheStartAfterTheConfiguredAttempts() {
        agones.readyGameServer("gs-wrong-region", "10.0.0.9", 7009, Map.of("region", "us-east"));
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props());
        try (TestOrchestrator o = orch) {
            HttpResponse<String> r = o.post("/api/sessions", createBody("room-full", 60, "alice"));
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("no game server available").contains("after 3 attempts");
            assertThat(agones.allocations).hasSize(3);
            // the room is free again for the lobby's next try
            agones.readyGameServer("gs-late", "10.0.0.2", 7102, Map.of("region", "eu-west"));
            assertThat(o.post("/api/sessions", createBody("room-full", 60, "alice")).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void retriesWithBackoffUntilAGameServerIsReady() {
        // the fleet autoscaler's new server turns Ready while the launcher backs off
        agones.readyBeforeAttempt(3, "gs-scaled-up", "10.0.0.3", 7103, Map.of("region", "eu-west"));
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props());
        try (TestOrchestrator o = orch) {
            HttpResponse<String> r = o.post("/api/sessions", createBody("room-retry", 60, "alice"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("port").asInt()).isEqualTo(7103);
            assertThat(agones.allocations).hasSize(3);
        }
    }

    @Test
    void theSameRoomTwiceDoesNotAllocateASecondServer() {
        agones.readyGameServer("gs-1", "10.0.0.1", 7101, Map.of("region", "eu-west"));
        agones.readyGameServer("gs-2", "10.0.0.2", 7102, Map.of("region", "eu-west"));
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props());
        try (TestOrchestrator o = orch) {
            assertThat(o.post("/api/sessions", createBody("room-twice", 60, "alice")).statusCode()).isEqualTo(201);
            HttpResponse<String> again = o.post("/api/sessions", createBody("room-twice", 60, "alice"));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(agones.allocations).hasSize(1);
            long allocated = List.of("gs-1", "gs-2").stream()
                    .filter(n -> AgonesStandIn.state(agones.gameServer(n)).equals("Allocated")).count();
            assertThat(allocated).isEqualTo(1);
        }
    }

    @Test
    void aStopDeletesTheGameServerThroughAgones() {
        agones.readyGameServer("gs-stop", "10.0.0.1", 7101, Map.of("region", "eu-west"));
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), props());
        try (TestOrchestrator o = orch) {
            String id = created(o, createBody("room-stop", 60, "alice"));
            assertThat(o.delete("/api/sessions/" + id).statusCode()).isLessThan(300);
            await().atMost(Duration.ofSeconds(10)).until(() -> agones.gameServer("gs-stop") == null);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode s = o.session(id);
                assertThat(s.get("state").asString()).isEqualTo("ENDED");
                assertThat(s.toString()).contains("\"endReason\":\"STOPPED\"");
            });
        }
    }

    @Test
    void aRestartReadoptsAllocatedServersAndSettlesVanishedOnes() {
        agones.readyGameServer("gs-keep", "10.0.0.1", 7101, Map.of("region", "eu-west"));
        agones.readyGameServer("gs-lost", "10.0.0.2", 7102, Map.of("region", "eu-west"));
        int httpPort = TestOrchestrator.freeTcpPort();
        String keep;
        String lost;
        orch = TestOrchestrator.start(dir, httpPort, props());
        try (TestOrchestrator first = orch) {
            keep = created(first, createBody("room-keep", 60, "alice"));
            lost = created(first, createBody("room-lost", 60, "bob"));
        }
        // while the orchestrator is down, one GameServer goes away
        String lostName = AgonesStandIn.state(agones.gameServer("gs-lost")).equals("Allocated")
                && agones.gameServer("gs-lost").getMetadata().getAnnotations().containsValue(lost) ? "gs-lost" : "gs-keep";
        String keptName = lostName.equals("gs-lost") ? "gs-keep" : "gs-lost";
        agones.deleteGameServer(lostName);

        orch = TestOrchestrator.start(dir, httpPort, props());
        try (TestOrchestrator second = orch) {
            JsonNode kept = second.session(keep);
            assertThat(kept.get("state").asString()).isIn("READY", "RUNNING");
            assertThat(AgonesStandIn.state(agones.gameServer(keptName))).isEqualTo("Allocated");
            JsonNode gone = second.session(lost);
            assertThat(gone.get("state").asString()).isEqualTo("CRASHED");
            assertThat(gone.get("endReason").asString()).startsWith("LOST");
            // the adopted server is watched again: a stop still goes through Agones
            assertThat(second.delete("/api/sessions/" + keep).statusCode()).isLessThan(300);
            await().atMost(Duration.ofSeconds(10)).until(() -> agones.gameServer(keptName) == null);
            // the room of the re-adopted session was taken until then
            assertThat(second.post("/api/sessions", createBody("room-lost", 60, "bob")).statusCode())
                    .isIn(201, 503);
        }
    }
}
