package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading is cut off by the send-buffer (512 KiB) / send-time (10 s) limits, and everyone
 * else keeps getting messages. The chat rate limit is lifted here so one player can produce the ~6 MB it takes
 * to fill the kernel's socket buffers (up to 4 MB on loopback) and then the lobby's own buffer.
 */
@TestPropertySource(properties = {"skirmish.lobby.chat-rate-per-second=1000000", "skirmish.lobby.chat-burst=1000000"})
class SlowConsumerIntegrationTest extends IntegrationTestBase {
    @Autowired
    PresenceRegistry presence;

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersAreUnaffected() throws Exception {
        JsonNode slow = http.guest(name("slow"));
        JsonNode fast = http.guest(name("fast"));
        String slowId = slow.get("id").asString();
        String fastId = fast.get("id").asString();
        String text = "x".repeat(500);
        try (var stalled = new RawStompSocket(port, slow.get("token").asString()); var f = connect(fastId, fast.get("token").asString())) {
            stalled.subscribe("0", "/topic/lobby/chat");
            var fastHears = f.subscribe("/topic/lobby/chat");
            awaitSubscribed(slowId, "/topic/lobby/chat");
            awaitSubscribed(fastId, "/topic/lobby/chat");
            // ~10,000 frames of ~0.7 KB, in waves the chat queue (10,000) can take; stop as soon as the lobby gives up on it
            for (int wave = 0; wave < 20 && presence.isConnected(slowId); wave++) {
                for (int i = 0; i < 500; i++) f.chat("/app/lobby/chat", text);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int got = 0;
                while (got < 500 && System.nanoTime() < deadline) if (fastHears.poll(100, TimeUnit.MILLISECONDS) != null) got++;
                assertThat(got).as("the fast client hears every message of wave " + wave).isEqualTo(500);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !presence.isConnected(slowId));
            f.chat("/app/lobby/chat", "still here");
            JsonNode last;
            do {
                last = fastHears.poll(10, TimeUnit.SECONDS);
            } while (last != null && !last.get("text").asString().equals("still here"));
            assertThat(last).as("the fast client still gets messages").isNotNull();
            assertThat(f.isConnected()).isTrue();
        }
    }
}
