package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

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
        String text = "x".repeat(500);
        try (var pair = stalledAndReader("slow")) {
            // ~10,000 frames of ~0.7 KB, in waves the chat queue (10,000) can take; stop as soon as the lobby gives up on it
            for (int wave = 0; wave < 20 && presence.isConnected(pair.stalledId); wave++) {
                assertThat(pair.wave(500, text, Duration.ofSeconds(30))).as("the fast client hears every message of wave " + wave).isEqualTo(500);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !presence.isConnected(pair.stalledId));
            assertThat(pair.echo("still here")).as("the fast client still gets messages").isNotNull();
            assertThat(pair.reader.isConnected()).isTrue();
        }
    }
}
