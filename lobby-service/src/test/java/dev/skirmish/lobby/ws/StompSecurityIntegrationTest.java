package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.StompTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Refusals over real STOMP: no token, non-members, forbidden destinations, chat rate limit, kicks, disconnects. */
class StompSecurityIntegrationTest extends IntegrationTestBase {

    private record Member(String id, String name, String token) {
    }

    private Member guest(String prefix) {
        JsonNode g = http.guest(name(prefix));
        return new Member(g.get("id").asString(), g.get("name").asString(), g.get("token").asString());
    }

    private String room(Member owner) {
        return http.post("/api/rooms", owner.token(), "{\"name\":\"sec\",\"capacity\":4}").body().get("id").asString();
    }

    private static String awaitError(StompTestClient c) throws InterruptedException {
        String e = c.errors.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("an ERROR frame; transport errors: " + c.transportErrors).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());
        return e;
    }

    @Test
    void connectWithoutOrWithABadTokenIsRefused() throws InterruptedException {
        try (var none = StompTestClient.attempt(port, null)) {
            assertThat(awaitError(none)).contains("Authorization: Bearer");
        }
        try (var bad = StompTestClient.attempt(port, "forged.token.1.AAAA")) {
            assertThat(awaitError(bad)).contains("valid token");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void eachRefusalIsOneWarnLineAndAClearErrorFrameNeverAStackTrace(CapturedOutput out) throws InterruptedException {
        var alice = guest("alice");
        var eve = guest("eve");
        String roomId = room(alice);
        try (var forged = StompTestClient.attempt(port, "forged.token.1.AAAA")) {
            assertThat(awaitError(forged)).contains("CONNECT needs a header 'Authorization: Bearer <token>' with a valid token");
        }
        try (var e = StompTestClient.connect(port, eve.token())) {
            e.subscribe("/topic/rooms/" + roomId + "/chat");
            assertThat(awaitError(e)).contains("you may not subscribe to /topic/rooms/" + roomId + "/chat");
        }
        try (var a = StompTestClient.connect(port, alice.token())) {
            a.send("/topic/lobby/chat", "{\"text\":\"spoof\"}");
            assertThat(awaitError(a)).contains("you may only SEND to /app/lobby/chat or /app/rooms/{id}/chat, not /topic/lobby/chat");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> out.getAll().contains("STOMP SEND refused"));
        String log = out.getAll();
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("STOMP CONNECT refused") && l.contains("valid token"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("STOMP SUBSCRIBE refused") && l.contains(eve.id()))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("STOMP SEND refused") && l.contains(alice.id()))).hasSize(1);
        assertThat(log).doesNotContain("Failed to send message to MessageChannel").doesNotContain("\tat ").doesNotContain("Refusal");
    }

    @Test
    void aNonMemberCannotSubscribeToARoomOrItsChat() throws InterruptedException {
        var alice = guest("alice");
        var eve = guest("eve");
        String roomId = room(alice);
        for (String dest : new String[] {"/topic/rooms/" + roomId, "/topic/rooms/" + roomId + "/chat", "/user/" + alice.id() + "/queue/match",
                "/queue/match", "/topic/anything"}) {
            try (var e = StompTestClient.connect(port, eve.token())) {
                e.subscribe(dest);
                assertThat(awaitError(e)).as(dest).contains("may not subscribe");
            }
        }
    }

    @Test
    void clientsMayNotSendToTopicsOrOtherUsersQueues() throws InterruptedException {
        var alice = guest("alice");
        String roomId = room(alice);
        for (String dest : new String[] {"/topic/rooms/" + roomId + "/chat", "/topic/lobby/chat", "/user/" + alice.id() + "/queue/match", "/app/other"}) {
            try (var a = StompTestClient.connect(port, alice.token())) {
                a.send(dest, "{\"text\":\"spoof\"}");
                assertThat(awaitError(a)).as(dest).contains("may only SEND");
            }
        }
    }

    @Test
    void aNonMemberChatIsRefusedPrivatelyAndMembersAreUnaffected() throws InterruptedException {
        var alice = guest("alice");
        var eve = guest("eve");
        String roomId = room(alice);
        try (var a = connect(alice.id(), alice.token()); var e = connect(eve.id(), eve.token())) {
            var chat = a.subscribe("/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(alice.id(), "/topic/rooms/" + roomId + "/chat");
            e.chat("/app/rooms/" + roomId + "/chat", "intruder");
            assertThat(next(e.userErrors, null).get("code").asString()).isEqualTo("NOT_A_MEMBER");
            a.chat("/app/rooms/" + roomId + "/chat", "members only");
            assertThat(next(chat, null).get("text").asString()).isEqualTo("members only");
            assertThat(chat.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void chatBeyondTheRateLimitIsRefusedToThatPlayerOnly() {
        var alice = guest("alice");
        var bob = guest("bob");
        try (var a = connect(alice.id(), alice.token()); var b = connect(bob.id(), bob.token())) {
            var lobby = b.subscribe("/topic/lobby/chat");
            awaitSubscribed(bob.id(), "/topic/lobby/chat");
            for (int i = 0; i < 30; i++) a.chat("/app/lobby/chat", "flood " + i);
            assertThat(next(a.userErrors, null).get("code").asString()).isEqualTo("CHAT_RATE_LIMITED");
            b.chat("/app/lobby/chat", "still here");
            var seen = new ArrayList<String>();
            String text;
            do {
                text = next(lobby, null).get("text").asString();
                seen.add(text);
            } while (!text.equals("still here"));
            // 10 at once, plus whatever refilled (5/s) while the server worked through the flood; never all 30
            assertThat(seen.stream().filter(t -> t.startsWith("flood")).count()).isBetween(10L, 29L);
            assertThat(b.userErrors).isEmpty();
        }
    }

    @Test
    void aKickedPlayerIsToldPrivatelyAndHearsTheRoomNoMore() {
        var alice = guest("alice");
        var bob = guest("bob");
        String roomId = room(alice);
        http.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        try (var a = connect(alice.id(), alice.token()); var b = connect(bob.id(), bob.token())) {
            var bobChat = b.subscribe("/topic/rooms/" + roomId + "/chat");
            var aliceChat = a.subscribe("/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(bob.id(), "/topic/rooms/" + roomId + "/chat");
            awaitSubscribed(alice.id(), "/topic/rooms/" + roomId + "/chat");
            assertThat(http.post("/api/rooms/" + roomId + "/kick", bob.token(), "{\"playerId\":\"" + alice.id() + "\"}").status()).isEqualTo(403);
            assertThat(http.post("/api/rooms/" + roomId + "/kick", alice.token(), "{\"playerId\":\"" + bob.id() + "\"}").status()).isEqualTo(200);
            assertThat(next(b.userErrors, null).get("code").asString()).isEqualTo("KICKED");
            a.chat("/app/rooms/" + roomId + "/chat", "bye bob");
            assertThat(next(aliceChat, null).get("text").asString()).isEqualTo("bye bob");
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10)).until(bobChat::isEmpty);
        }
    }

    @Test
    void aDisconnectedPlayerLeavesWhenTheReconnectWindowEnds() {
        var alice = guest("alice");
        var bob = guest("bob");
        String roomId = room(alice);
        http.post("/api/rooms/" + roomId + "/join", bob.token(), null);
        try (var a = connect(alice.id(), alice.token())) {
            var room = a.subscribe("/topic/rooms/" + roomId);
            awaitSubscribed(alice.id(), "/topic/rooms/" + roomId);
            StompTestClient.connect(port, bob.token()).close();
            JsonNode left = next(room, "LEFT");
            assertThat(left.get("reason").asString()).isEqualTo(bob.name() + " disconnected");
            assertThat(left.get("room").get("players")).hasSize(1);
        }
    }
}
