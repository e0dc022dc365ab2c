package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import dev.skirmish.lobby.support.RawStompSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

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
        JsonNode stalled = http.guest(name("stall"));
        JsonNode reader = http.guest(name("reader"));
        String stalledId = stalled.get("id").asString();
        String readerId = reader.get("id").asString();
        String text = "y".repeat(500);
        try (var socket = new RawStompSocket(port, stalled.get("token").asString()); var r = connect(readerId, reader.get("token").asString())) {
            socket.subscribe("0", "/topic/lobby/chat");
            var hears = r.subscribe("/topic/lobby/chat");
            awaitSubscribed(stalledId, "/topic/lobby/chat");
            awaitSubscribed(readerId, "/topic/lobby/chat");
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            int waves = 0;
            // waves of 300 (~210 KB) every 200 ms: the stalled socket's kernel buffers fill within a few waves, then its
            // writer blocks, and the first message for it after 1 s of that closes it
            while (presence.isConnected(stalledId) && System.nanoTime() < deadline) {
                for (int i = 0; i < 300; i++) r.chat("/app/lobby/chat", text);
                int got = 0;
                long waveDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (got < 300 && System.nanoTime() < waveDeadline) if (hears.poll(100, TimeUnit.MILLISECONDS) != null) got++;
                assertThat(got).as("the reading client hears every message of wave " + waves).isEqualTo(300);
                waves++;
                Thread.sleep(200);
            }
            assertThat(presence.isConnected(stalledId)).as("stalled client disconnected within 30 s, after %d waves", waves).isFalse();
            assertThat(waves * 300L * 700).as("bytes sent stay far below the send-buffer limit").isLessThan(32L << 20);
            assertThat(log.getAll()).contains("exceeded the allowed limit 1000");

            r.chat("/app/lobby/chat", "still here");
            JsonNode last;
            do {
                last = hears.poll(10, TimeUnit.SECONDS);
            } while (last != null && !last.get("text").asString().equals("still here"));
            assertThat(last).as("the reading client still gets messages").isNotNull();
            assertThat(r.isConnected()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
        }
    }
}
