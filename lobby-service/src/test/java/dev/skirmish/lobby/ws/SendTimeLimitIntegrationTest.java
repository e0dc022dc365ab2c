package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-time limit on its own: a client that stops reading (a real WebSocket on a bare socket with a small
 * receive buffer) is disconnected once a write to it has been stuck longer than the limit (1 s here, 10 s by
 * default), while another client on the same topic hears every message throughout. The send-buffer limit is set far
 * above all this test sends (64 MB against at most ~20 MB), and the lobby's log must name the send-time limit as
 * the reason (not the buffer, not a container's own blocking-write timeout).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"skirmish.lobby.ws-send-time-limit=1s", "skirmish.lobby.ws-send-buffer-limit=64MB",
        "skirmish.lobby.chat-rate-per-second=1000000", "skirmish.lobby.chat-burst=1000000"})
class SendTimeLimitIntegrationTest extends IntegrationTestBase {
    @Autowired
    PresenceRegistry presence;

    @Test
    void aClientWhoseWritesStallPastTheLimitIsDisconnectedAndOthersAreUnaffected(CapturedOutput log) throws Exception {
        String text = "y".repeat(500);
        try (var pair = stalledAndReader("stall")) {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            int waves = 0;
            // waves of 300 (~210 KB) every 200 ms: the stalled socket's kernel buffers fill within a few waves, then its
            // write stays under way, and the first message for it after 1 s of that closes it
            while (presence.isConnected(pair.stalledId) && System.nanoTime() < deadline) {
                assertThat(pair.wave(300, text, Duration.ofSeconds(10))).as("the reading client hears every message of wave " + waves).isEqualTo(300);
                waves++;
                Thread.sleep(200);
            }
            assertThat(presence.isConnected(pair.stalledId)).as("stalled client disconnected within 30 s, after %d waves", waves).isFalse();
            assertThat(waves * 300L * 700).as("bytes sent stay far below the send-buffer limit").isLessThan(32L << 20);
            assertThat(log.getAll()).contains("exceeded the allowed limit 1000");
            assertThat(pair.echo("still here")).as("the reading client still gets messages").isNotNull();
            assertThat(pair.reader.isConnected()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
        }
    }
}
