package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.client.GameClientException;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The operator's kick from a running match, orchestrator → real game-server process → real UDP clients: the command
 * travels on the heartbeat answer (the game server listens on no port but its game port), the kicked client is
 * disconnected with KICKED and its token is refused from then on, the other player plays on.
 */
class KickFromMatchTest {
    @TempDir
    static Path dir;
    static TestOrchestrator orch;

    @BeforeAll
    static void start() {
        orch = RealServerOrchestrator.start(dir, 7786, 7787, 0);
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    /**
     * Attack: a player an operator threw out (cheating, abuse) reconnects with the connect token it still holds.
     * Without the server-side refusal it would be back in its slot within a second.
     */
    @Test
    void aKickedPlayerIsDisconnectedWithKickedAndItsTokenNoLongerGetsIn() {
        HttpResponse<String> r = orch.post("/api/sessions", createBody("kick-room", 60, "alice", "bob"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = json(r);
        String id = created.get("id").asString();
        String aliceToken = token(created, "alice");
        try (GameClient alice = GameClient.connect(aliceToken, Duration.ofSeconds(10));
             GameClient bob = GameClient.connect(token(created, "bob"), Duration.ofSeconds(10))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> orch.session(id).get("state").asString().equals("RUNNING"));

            HttpResponse<String> kick = orch.post("/api/sessions/" + id + "/players/p-alice/kick", null);
            assertThat(kick.statusCode()).as(kick.body()).isEqualTo(202);

            // the next heartbeat answer (one a second) carries it
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> alice.state() == ClientState.DISCONNECTED);
            assertThat(alice.finalReason()).isEqualTo(Disconnect.Reason.KICKED);

            GameClientException refused = catchThrowableOfType(GameClientException.class,
                    () -> GameClient.connect(aliceToken, Duration.ofSeconds(5)).close());
            assertThat(refused).as("the kicked token must not get back in").isNotNull();
            assertThat(refused.reason()).isEqualTo(Denied.Reason.KICKED);

            assertThat(bob.state()).isEqualTo(ClientState.CONNECTED);
            assertThat(orch.session(id).get("state").asString()).isEqualTo("RUNNING");
        } finally {
            orch.delete("/api/sessions/" + id);
        }
    }

    /** Attack: kicking with a game server's session key (or none) instead of the lobby's service key. */
    @Test
    void onlyTheServiceKeyMayKickAndOnlyAPlayerOfTheSession() {
        HttpResponse<String> r = orch.post("/api/sessions", createBody("kick-room-2", 60, "carol"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = json(r).get("id").asString();
        try {
            String path = "/api/sessions/" + id + "/players/p-carol/kick";
            assertThat(orch.send("POST", path, null, null).statusCode()).isEqualTo(401);
            String sessionKey = orch.bean(dev.skirmish.orchestrator.sessions.SessionRegistry.class).find(id)
                    .orElseThrow().sessionKeyBase64();
            assertThat(orch.send("POST", path, null, sessionKey).statusCode()).isEqualTo(401);

            HttpResponse<String> stranger = orch.post("/api/sessions/" + id + "/players/p-mallory/kick", null);
            assertThat(stranger.statusCode()).isEqualTo(404);
            assertThat(json(stranger).get("code").asString()).isEqualTo("PLAYER_NOT_IN_SESSION");
            HttpResponse<String> unknown = orch.post("/api/sessions/no-such-session/players/p-carol/kick", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
        } finally {
            orch.delete("/api/sessions/" + id);
        }
    }

    private static String token(JsonNode created, String name) {
        for (JsonNode t : created.get("connectTokens")) {
            if (t.get("name").asString().equals(name)) {
                return t.get("token").asString();
            }
        }
        throw new AssertionError("no token for " + name);
    }
}
