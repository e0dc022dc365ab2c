package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import tools.jackson.databind.JsonNode;

import static dev.skirmish.lobby.support.StompTestClient.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serialise-once fan-out ({@link FanoutBroker}) as a client reads it on the wire: a MESSAGE frame with exactly
 * the headers of the contract, and the two defenses it has to keep on its own now that room messages no longer
 * pass Spring's STOMP encoder and the outbound channel's filter.
 */
class FanoutFrameTest extends IntegrationTestBase {
    @Autowired
    SimpleBrokerMessageHandler broker;
    @Autowired
    Outboxes outboxes;

    @Test
    void theOneNodeLobbyFansOutThroughTheSerialiseOnceBroker() {
        assertThat(broker).isInstanceOf(FanoutBroker.class);
    }

    /**
     * The fan-out hands the container its frames as UTF-8 bytes, which the container would otherwise encode again
     * for every subscriber (more than half of the writers' CPU under fan-out load, measured on Tomcat): this fails
     * when a {@code /ws} connection's outbox cannot reach Jetty's core session ({@link CoreWebSocketSession}), e.g. if the
     * handshake stopped making core sessions (the lobby then still works, sending strings, at that cost).
     */
    @Test
    void theContainerTakesTheFanOutsFramesAsEncodedText() throws Exception {
        JsonNode player = http.guest(name("enc"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            var user = awaitUser(player.get("id").asString());
            assertThat(user.getSessions()).isNotEmpty().allSatisfy(session -> assertThat(outboxes.of(session.getId()).writesEncodedText()).isTrue());
        }
    }

    /**
     * Attack: a client picks a subscription id with an escaped newline and colon ({@code \n}, {@code \c}); decoded,
     * and written back unescaped in the {@code subscription} header of every MESSAGE, it would end that header and
     * add headers of the client's choosing to the frames it receives (a forged {@code content-length} cuts the body).
     */
    @Test
    void aSubscriptionIdCannotWriteHeadersIntoTheFramesItReceives() throws Exception {
        JsonNode listener = http.guest(name("raw"));
        JsonNode talker = http.guest(name("talk"));
        try (var raw = new RawStompSocket(port, listener.get("token").asString());
             var t = connect(talker.get("id").asString(), talker.get("token").asString())) {
            raw.send("SUBSCRIBE\nid:evil\\nforged\\cyes\ndestination:/topic/lobby/chat\nreceipt:r1\n\n\0");
            assertThat(raw.readFrame()).startsWith("RECEIPT\nreceipt-id:r1");
            t.chat("/app/lobby/chat", "héllo from the fan-out");
            String frame = nextMessage(raw);
            int blank = frame.indexOf("\n\n");
            List<String> headers = List.of(frame.substring(0, blank).split("\n"));
            String body = frame.substring(blank + 2, frame.length() - 1);
            assertThat(headers.getFirst()).isEqualTo("MESSAGE");
            assertThat(headers).noneMatch(h -> h.startsWith("forged"));
            assertThat(headers).contains("subscription:evil\\nforged\\cyes", "destination:/topic/lobby/chat", "content-type:application/json",
                    "content-length:" + body.getBytes(StandardCharsets.UTF_8).length);
            assertThat(headers).anyMatch(h -> h.startsWith("message-id:"));
            assertThat(headers).hasSize(6);
            assertThat(frame).endsWith("\0");
            assertThat(body).contains("\"text\":\"héllo from the fan-out\"");
        }
    }

    /**
     * Attack: eavesdropping. A player who leaves a room (or is kicked) keeps its SUBSCRIBE to the room's chat, since
     * the broker does not know about seats; without the membership check it would go on hearing the room.
     */
    @Test
    void aPlayerWhoLeftARoomHearsNothingMoreOfItOnItsOldSubscription() throws Exception {
        JsonNode owner = http.guest(name("owner"));
        JsonNode leaver = http.guest(name("leaver"));
        String roomId = http.post("/api/rooms", owner.get("token").asString(), "{\"name\":\"fanout\",\"capacity\":4}").body().get("id").asString();
        http.post("/api/rooms/" + roomId + "/join", leaver.get("token").asString(), null);
        String chat = "/topic/rooms/" + roomId + "/chat";
        try (var o = connect(owner.get("id").asString(), owner.get("token").asString());
             var l = connect(leaver.get("id").asString(), leaver.get("token").asString())) {
            var ownerHears = o.subscribe(chat);
            var leaverHears = l.subscribe(chat);
            awaitSubscribed(owner.get("id").asString(), chat);
            awaitSubscribed(leaver.get("id").asString(), chat);
            o.chat("/app/rooms/" + roomId + "/chat", "before");
            assertThat(next(leaverHears, null).get("text").asString()).isEqualTo("before");
            assertThat(next(ownerHears, null).get("text").asString()).isEqualTo("before");
            assertThat(http.post("/api/rooms/" + roomId + "/leave", leaver.get("token").asString(), null).status()).isLessThan(300);
            o.chat("/app/rooms/" + roomId + "/chat", "after");
            assertThat(next(ownerHears, null).get("text").asString()).isEqualTo("after");
            // the owner heard it, so the fan-out of that line is over: the leaver's copy would have been queued by now
            assertThat(leaverHears.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    private static String nextMessage(RawStompSocket raw) throws java.io.IOException {
        var skipped = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            String f = raw.readFrame();
            if (f.startsWith("MESSAGE")) return f;
            skipped.add(f);
        }
        throw new AssertionError("no MESSAGE frame, only " + skipped);
    }
}
