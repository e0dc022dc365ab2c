package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.orchestrator.launch.agones.FleetCredentials;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The trust boundary orchestrator ↔ Agones game servers: a GameServer's match (players, session key) is handed
 * out only for the fleet credential of that very GameServer name, and only once.
 */
class AgonesAssignmentSecurityTest {
    @TempDir
    Path dir;

    @Test
    void assignmentsNeedTheFleetCredentialOfTheirOwnGameServerName() {
        try (AgonesStandIn agones = new AgonesStandIn()) {
            agones.readyGameServer("gs-victim", "10.0.0.1", 7101, Map.of());
            agones.readyGameServer("gs-attacker", "10.0.0.2", 7102, Map.of());
            Map<String, Object> p = TestOrchestrator.defaults(dir, dir.resolve("no-jar-needed.jar"));
            p.put("skirmish.orchestrator.launcher", "agones");
            p.put("skirmish.orchestrator.agones.master-url", agones.url());
            p.put("skirmish.orchestrator.agones.namespace", AgonesStandIn.NAMESPACE);
            p.put("skirmish.orchestrator.agones.fleet-secret", AgonesLauncherTest.FLEET_SECRET);
            p.put("skirmish.orchestrator.ready-timeout", "20s");
            p.put("skirmish.orchestrator.missed-heartbeats", 1000);
            try (TestOrchestrator o = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
                CompletableFuture<HttpResponse<String>> start = CompletableFuture.supplyAsync(
                        () -> o.post("/api/sessions", createBody("room-sec", 60, "alice")));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> AgonesStandIn.state(agones.gameServer("gs-victim")).equals("Allocated"));
                String path = "/internal/agones/gameservers/gs-victim/assignment";
                String right = new FleetCredentials(AgonesLauncherTest.FLEET_SECRET).credentialFor("gs-victim");

                // attack: a credential made with a guessed fleet secret
                String guessed = new FleetCredentials("a-guessed-fleet-secret-0123456789abcdef").credentialFor("gs-victim");
                assertRefused(o.send("GET", path, null, guessed));
                // attack: a credential seen for another GameServer (another pod's, or from a log) replayed for this one
                String other = new FleetCredentials(AgonesLauncherTest.FLEET_SECRET).credentialFor("gs-attacker");
                assertRefused(o.send("GET", path, null, other));
                // attack: no credential, or the service key of the lobby
                assertRefused(o.send("GET", path, null, null));
                assertRefused(o.send("GET", path, null, TestOrchestrator.SERVICE_KEY));
                // attack: other methods and paths under /internal/agones are closed whatever the credential
                assertRefused(o.send("DELETE", path, null, right));
                assertRefused(o.send("GET", "/internal/agones/gameservers", null, right));

                // the real server still gets its match: the refusals took nothing
                HttpResponse<String> mine;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                do {
                    mine = o.send("GET", path, null, right);
                } while (mine.statusCode() == 404 && System.nanoTime() < deadline);
                assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
                JsonNode a = json(mine);
                assertThat(a.get("players").get(0).asString()).isEqualTo("alice");
                assertThat(a.get("matchSeconds").asInt()).isEqualTo(60);

                // attack: the right credential replayed after the fetch gets nothing more
                HttpResponse<String> replay = o.send("GET", path, null, right);
                assertThat(replay.statusCode()).isEqualTo(404);
                assertThat(json(replay).get("code").asString()).isEqualTo("ASSIGNMENT_NOT_FOUND");

                o.send("POST", "/internal/sessions/" + a.get("sessionId").asString() + "/ready", "{}",
                        a.get("sessionKey").asString());
                assertThat(start.join().statusCode()).isEqualTo(201);
            }
        }
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(json(r).get("code").asString()).isEqualTo("FLEET_CREDENTIAL_REQUIRED");
        assertThat(r.body()).doesNotContain("sessionKey");
    }
}
