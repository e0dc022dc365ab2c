package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import dev.skirmish.lobby.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack: a STOMP connection opened with a token lives on after the token expired — a stolen (or long refused)
 * token keeps hearing room events, chat and match tokens forever. The connection is closed with an ERROR frame
 * saying {@code TOKEN_EXPIRED}: by the periodic sweep when the client only listens (here), and on its next frame
 * ({@link StompGuardTest}).
 */
class ExpiredTokenConnectionTest extends IntegrationTestBase {

    private JsonNode guest() {
        return http.guest(name("exp"));
    }

    @Test
    void aSilentListenerIsCutOffWhenItsTokenExpires() throws InterruptedException {
        JsonNode g = guest();
        Instant now = Instant.now();
        String shortLived = TestTokens.token(g.get("id").asString(), g.get("name").asString(), now.plusSeconds(2), now);
        try (var c = connect(g.get("id").asString(), shortLived)) {
            c.subscribe("/topic/lobby/chat");
            // well before the client's first heart-beat (10 s), which the per-frame check would refuse as well
            String error = c.errors.poll(6, TimeUnit.SECONDS);
            assertThat(error).as("an ERROR frame within the sweep interval after expiry").isNotNull().contains("TOKEN_EXPIRED");
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        }
    }

    @Test
    void aConnectionWithAGoodTokenStaysOpen() throws InterruptedException {
        JsonNode g = guest();
        try (var c = connect(g.get("id").asString(), g.get("token").asString())) {
            assertThat(c.errors.poll(1500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(c.isConnected()).isTrue();
        }
    }

    @Test
    void aConnectWithAnExpiredTokenIsRefused() throws InterruptedException {
        JsonNode g = guest();
        Instant past = Instant.now().minusSeconds(60);
        try (var c = StompTestClient.attempt(port, TestTokens.token(g.get("id").asString(), g.get("name").asString(), past, past.minusSeconds(3600)))) {
            assertThat(c.errors.poll(10, TimeUnit.SECONDS)).contains("valid token", "TOKEN_EXPIRED", "refresh");
        }
    }
}
