package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: a client subscribes to a busy topic and never reads, so every frame for it piles up in the lobby's memory
 * (its connection's outbox, {@link SessionOutbox}). The queue is bounded by the send-buffer limit (256 KB here; the
 * send-time limit is set out of reach, 10 min): past it the connection is closed and its queue dropped, while a
 * client that reads hears everything.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"skirmish.lobby.ws-send-time-limit=10m", "skirmish.lobby.ws-send-buffer-limit=256KB",
        "skirmish.lobby.chat-rate-per-second=1000000", "skirmish.lobby.chat-burst=1000000"})
class SendBufferLimitIntegrationTest extends IntegrationTestBase {
    @Autowired
    PresenceRegistry presence;

    @Test
    void aClientThatNeverReadsIsDisconnectedOnceItsQueueExceedsTheLimit(CapturedOutput log) throws Exception {
        String text = "z".repeat(500);
        try (var pair = stalledAndReader("hoard")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int waves = 0;
            // waves of 100 lines (~65 KB of frames, well inside the reader's limit): the stalled socket's kernel buffers
            // fill, then its outbox grows
            while (presence.isConnected(pair.stalledId) && System.nanoTime() < deadline) {
                assertThat(pair.wave(100, text, Duration.ofSeconds(10))).as("the reading client hears every message of wave " + waves).isEqualTo(100);
                waves++;
            }
            assertThat(presence.isConnected(pair.stalledId)).as("hoarding client disconnected within 30 s, after %d waves", waves).isFalse();
            assertThat(log.getAll()).contains("exceeded the allowed limit 262144");
            assertThat(pair.reader.isConnected()).isTrue();
        }
    }
}
