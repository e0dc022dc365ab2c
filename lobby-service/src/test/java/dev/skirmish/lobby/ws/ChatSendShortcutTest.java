package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat {@code SEND} is handled by {@link ChatSendShortcut} at the end of the inbound interceptors and reaches none of
 * the inbound channel's handlers (Spring's annotation road it replaces), while the client sees what it saw before:
 * the line delivered, a refusal on {@code /user/queue/errors} of the sending connection only (as
 * {@code @SendToUser(broadcast = false)} sent it), the connection kept.
 */
class ChatSendShortcutTest extends IntegrationTestBase {
    @Autowired
    @Qualifier("clientInboundChannel")
    private SubscribableChannel inbound;

    @Test
    void chatSendsGoNoFurtherThanTheShortcutAndRefusalsReachOnlyTheSendingConnection() throws Exception {
        var reached = new CopyOnWriteArrayList<String>();
        MessageHandler recorder = m -> {
            // SENDs only (a SUBSCRIBE to a chat topic goes on to the broker, as it should)
            String destination = SimpMessageHeaderAccessor.getDestination(m.getHeaders());
            if (SimpMessageHeaderAccessor.getMessageType(m.getHeaders()) == SimpMessageType.MESSAGE && destination != null) reached.add(destination);
        };
        inbound.subscribe(recorder);
        JsonNode player = http.guest(name("shortcut"));
        String token = player.get("token").asString();
        try (var other = new RawStompSocket(port, token); var sender = new RawStompSocket(port, token)) {
            other.subscribe("errors", "/user/queue/errors");
            other.subscribe("chat", "/topic/lobby/chat");
            // only `other` is connected yet: its subscriptions are live once the broker routes these to the player
            awaitSubscribed(player.get("id").asString(), "/user/queue/errors", "/topic/lobby/chat");
            // the sender's own SUBSCRIBE frames are handled before its SEND frames (one connection, in order)
            sender.subscribe("errors", "/user/queue/errors");
            sender.subscribe("chat", "/topic/lobby/chat");

            sender.send(send("/app/lobby/chat", "not json"));
            assertThat(next(sender)).startsWith("errors:").contains("\"code\":\"INVALID_MESSAGE\"");
            sender.send(send("/app/lobby/chat", "{}"));
            assertThat(next(sender)).startsWith("errors:").contains("\"code\":\"INVALID_CHAT\"");
            sender.send(send("/app/rooms/no-such-room/chat", "{\"text\":\"anyone?\"}"));
            assertThat(next(sender)).startsWith("errors:").contains("\"code\":\"NOT_A_MEMBER\"");
            sender.send(send("/app/lobby/chat", "{\"text\":\"after three refusals\"}"));
            assertThat(next(sender)).startsWith("chat:").contains("\"text\":\"after three refusals\"");
            // the other connection of the same player got none of the refusals: its first frame is the line
            assertThat(next(other)).startsWith("chat:").contains("\"text\":\"after three refusals\"");
        } finally {
            inbound.unsubscribe(recorder);
        }
        assertThat(reached).as("chat SENDs that reached the inbound channel's handlers").isEmpty();
    }

    @Test
    void onlyAWholeRoomSegmentIsARoomChat() {
        assertThat(ChatSendShortcut.roomOf("/app/rooms/r-1/chat")).isEqualTo("r-1");
        assertThat(ChatSendShortcut.roomOf("/app/rooms//chat")).isNull();
        assertThat(ChatSendShortcut.roomOf("/app/rooms/a/b/chat")).isNull();
        assertThat(ChatSendShortcut.roomOf("/app/rooms/chat")).isNull();
        assertThat(ChatSendShortcut.roomOf("/app/rooms/r-1/chat/")).isNull();
        assertThat(ChatSendShortcut.roomOf("/app/lobby/chat")).isNull();
    }

    private static String send(String destination, String body) {
        return "SEND\ndestination:" + destination + "\ncontent-type:application/json\n\n" + body + "\0";
    }

    /** The next MESSAGE as "subscription:body"; fails on an ERROR frame (the connection would be gone). */
    private static String next(RawStompSocket raw) throws IOException {
        for (int i = 0; i < 20; i++) {
            String frame = raw.readFrame();
            if (frame.startsWith("ERROR")) throw new AssertionError("ERROR frame: " + frame);
            if (!frame.startsWith("MESSAGE")) continue;
            int at = frame.indexOf("\nsubscription:") + "\nsubscription:".length();
            String subscription = frame.substring(at, frame.indexOf('\n', at));
            return subscription + ":" + frame.substring(frame.indexOf("\n\n") + 2);
        }
        throw new AssertionError("no MESSAGE in 20 frames");
    }
}
