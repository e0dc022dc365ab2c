package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat {@code SEND}'s body as {@link ChatSendReader} reads it, frame by frame on a raw socket: what Spring's
 * {@code @Payload} road took (a JSON body with or without a content type) is still delivered, and what it refused
 * still gets the same {@code INVALID_MESSAGE} error frame on {@code /user/queue/errors}, never a delivery, a closed
 * connection or a stack trace. The contract is docs/lobby-api.md's; this pins it across the change of reader.
 */
class ChatSendBodyTest extends IntegrationTestBase {
    @Test
    void bodiesTheContractTakesAreDeliveredAndTheOthersGetInvalidMessage() throws Exception {
        JsonNode player = http.guest(name("body"));
        try (var raw = new RawStompSocket(port, player.get("token").asString())) {
            raw.subscribe("errors", "/user/queue/errors");
            raw.subscribe("chat", "/topic/lobby/chat");
            awaitSubscribed(player.get("id").asString(), "/user/queue/errors", "/topic/lobby/chat");

            raw.send(send("content-type:application/json\n", "{\"text\":\"with a type\"}"));
            assertThat(next(raw, "chat")).contains("\"text\":\"with a type\"");
            raw.send(send("", "{\"text\":\"without a type\"}"));
            assertThat(next(raw, "chat")).contains("\"text\":\"without a type\"");
            raw.send(send("content-type:application/json;charset=UTF-8\n", "{\"text\":\"h\u00e9llo\"}"));
            assertThat(next(raw, "chat")).contains("\"text\":\"h\u00e9llo\"");

            for (String[] refused : new String[][] {
                    {"content-type:text/plain\n", "{\"text\":\"not json by its type\"}"},
                    {"content-type:application/json\n", ""},
                    {"content-type:application/json\n", "null"},
                    {"content-type:application/json\n", "{\"text\":"},
                    {"content-type:application/json\n", "[\"text\"]"},
                    {"content-type:application/json\n", "not json"}}) {
                raw.send(send(refused[0], refused[1]));
                assertThat(next(raw, "errors")).as("%s%s", refused[0], refused[1]).contains("\"code\":\"INVALID_MESSAGE\"");
            }
            // a JSON body without text is the chat's own refusal, as before
            raw.send(send("content-type:application/json\n", "{}"));
            assertThat(next(raw, "errors")).contains("\"code\":\"INVALID_CHAT\"");
            raw.send(send("content-type:application/json\n", "{\"text\":\"still connected\"}"));
            assertThat(next(raw, "chat")).contains("\"text\":\"still connected\"");
        }
    }

    private static String send(String headers, String body) {
        return "SEND\ndestination:/app/lobby/chat\n" + headers + "\n" + body + "\0";
    }

    /** The body of the next MESSAGE of this subscription; fails on an ERROR frame (the connection would be gone). */
    private static String next(RawStompSocket raw, String subscription) throws IOException {
        var seen = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            String frame = raw.readFrame();
            if (frame.startsWith("ERROR")) throw new AssertionError("ERROR frame: " + frame);
            if (frame.startsWith("MESSAGE") && frame.contains("\nsubscription:" + subscription + "\n")) {
                return frame.substring(frame.indexOf("\n\n") + 2);
            }
            seen.add(frame);
        }
        throw new AssertionError("no MESSAGE for " + subscription + " in " + seen);
    }
}
