package dev.skirmish.lobby.ws;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Attack: a client that never reads (a raw socket, subscribed to the lobby chat) while the room chats, so that the
 * lobby's writes to it stop completing once its socket buffers are full. No lobby thread may be held by that
 * client: the outbox leaves the stuck write to Jetty and its callback (issue 15) instead of a writer that waits on it,
 * and the send-time limit (2 s here; the send-buffer limit is out of reach) ends the connection. After each wave,
 * once the reading client has heard it all, a dump of every thread, virtual ones included, must show none inside
 * the outbox or the session's writes (checked: before this change the connection's writer thread waits there, parked
 * in the blocking send, for as long as the client does not read).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"skirmish.lobby.ws-send-time-limit=2s", "skirmish.lobby.ws-send-buffer-limit=64MB",
        "skirmish.lobby.chat-rate-per-second=1000000", "skirmish.lobby.chat-burst=1000000"})
class NoWriterBlockedAttackTest extends IntegrationTestBase {
    @Autowired
    PresenceRegistry presence;

    @Test
    void aClientThatNeverReadsHoldsNoLobbyThreadAndIsClosedByTheLimits(CapturedOutput log) throws Exception {
        String text = "w".repeat(500);
        try (var pair = stalledAndReader("sloth")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int waves = 0;
            while (presence.isConnected(pair.stalledId) && System.nanoTime() < deadline) {
                assertThat(pair.wave(300, text, Duration.ofSeconds(10))).as("the reading client hears every message of wave " + waves).isEqualTo(300);
                // the wave is delivered: nothing should be in the outbox's code now but a thread held by the stalled client
                assertThat(writersInThreadDump()).as("threads inside a connection's writes after wave %d", waves).isEmpty();
                waves++;
                Thread.sleep(200);
            }
            assertThat(presence.isConnected(pair.stalledId)).as("stalled client disconnected within 30 s, after %d waves", waves).isFalse();
            assertThat(waves).as("waves sent while the stalled client's writes were stuck").isGreaterThan(3);
            assertThat(log.getAll()).contains("exceeded the allowed limit 2000");
            assertThat(pair.reader.isConnected()).isTrue();
        }
    }

    /** The stacks, among all threads' (virtual ones too), parked inside a connection's outbox or its session's sends. */
    private static java.util.List<String> writersInThreadDump() throws Exception {
        Path dir = Files.createTempDirectory("threads");
        Path dump = dir.resolve("dump.txt");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return java.util.Arrays.stream(Files.readString(dump).split("\\R\\R"))
                    .filter(stack -> stack.contains("SessionOutbox") || stack.contains("CoreWebSocketSession"))
                    .filter(stack -> stack.contains(".park(")) // waiting there, not passing through
                    .toList();
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dir);
        }
    }
}
