package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A SUBSCRIBE with a {@code receipt} header is answered with a RECEIPT once the subscription is live (issue 19), with
 * a real STOMP client: a line sent after the receipt is heard without the client polling the server's state, and a
 * SUBSCRIBE the guard refuses gets an ERROR, never a receipt that would make the client think it listens.
 */
class SubscribeReceiptTest extends IntegrationTestBase {
    private record Member(String id, String token) {
    }

    private Member guest(String prefix) {
        JsonNode g = http.guest(name(prefix));
        return new Member(g.get("id").asString(), g.get("token").asString());
    }

    @Test
    void aLineSentAfterTheReceiptIsHeard() throws Exception {
        var alice = guest("alice");
        var bob = guest("bob");
        String roomId = http.post("/api/rooms", alice.token(), "{\"name\":\"receipts\",\"capacity\":2}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        try (var a = connect(alice.id(), alice.token()); var b = connect(bob.id(), bob.token())) {
            var heard = b.subscribeWithReceipt("/topic/rooms/" + roomId + "/chat");
            // no awaitSubscribed here: the receipt alone says the subscription is live
            heard.receipt().get(10, TimeUnit.SECONDS);
            a.chat("/app/rooms/" + roomId + "/chat", "after the receipt");
            assertThat(next(heard.messages(), null).get("text").asString()).isEqualTo("after the receipt");
        }
    }

    @Test
    void aRefusedSubscribeGetsAnErrorAndNoReceipt() throws Exception {
        var alice = guest("alice");
        var mallory = guest("mallory");
        String roomId = http.post("/api/rooms", alice.token(), "{\"name\":\"private-ish\",\"capacity\":2}").body().get("id").asString();
        try (var m = StompTestClient.connect(port, mallory.token())) {
            var eavesdrop = m.subscribeWithReceipt("/topic/rooms/" + roomId + "/chat");
            String error = m.errors.poll(10, TimeUnit.SECONDS);
            assertThat(error).as("the guard refuses a non-member's SUBSCRIBE with an ERROR frame").isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> !m.isConnected());
            assertThat(eavesdrop.receipt()).isNotCompleted();
        }
    }
}
