package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's frame bytes, spliced per subscriber without a string, are exactly the UTF-8 of the frame the
 * contract describes, whatever the subscription id (escaped, non-ASCII) and message id.
 */
class StompFramesTest {
    @Test
    void eachSubscribersFrameIsTheUtf8OfTheWholeFrame() {
        byte[] body = "{\"text\":\"héllo ✓\"}".getBytes(StandardCharsets.UTF_8);
        var shared = StompFrames.of("/topic/rooms/r-1/chat", "application/json", body);
        String[] ids = {"sub-0", "evil\nforged:yes\\", "ünïcode-ид", ""};
        long[] messageIds = {0, 9, 10, 12345, Long.MAX_VALUE};
        for (String id : ids) {
            for (long messageId : messageIds) {
                String expected = "MESSAGE\ndestination:/topic/rooms/r-1/chat\ncontent-type:application/json\ncontent-length:" + body.length
                        + "\nsubscription:" + StompFrames.escape(id) + "\nmessage-id:" + messageId + "\n\n" + new String(body, StandardCharsets.UTF_8) + "\0";
                assertThat(new String(shared.forSubscriber(id, messageId), StandardCharsets.UTF_8)).isEqualTo(expected);
                assertThat(shared.forSubscriber(id, messageId)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
