package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.protocol.connection.ClientState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShutdownTest {
    @Test
    void stopTellsConnectedClientsAndReportsShutdown() throws Exception {
        try (InProcessServer s = new InProcessServer("s-stop", "--players", "alice,bob");
             Bot alice = new Bot(s.token("alice"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client.latestSnapshot() != null);
            s.server.requestStop();
            MatchReport r = s.awaitReport(10);
            assertThat(r.reason()).isEqualTo(MatchReport.EndReason.SHUTDOWN);
            assertThat(s.stdout()).contains("RESULT {\"reason\":\"SHUTDOWN\"");
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client.state() == ClientState.DISCONNECTED);
        }
    }

    @Test
    void nobodyConnectingEndsTheMatchEarly() throws Exception {
        try (InProcessServer s = new InProcessServer("s-empty", "--players", "alice", "--no-players-timeout", "1")) {
            MatchReport r = s.awaitReport(10);
            assertThat(r.reason()).isEqualTo(MatchReport.EndReason.NO_PLAYERS_CONNECTED);
            assertThat(r.winner()).isNull();
            assertThat(s.stdout()).startsWith("READY 127.0.0.1:").contains("RESULT {\"reason\":\"NO_PLAYERS_CONNECTED\"");
        }
    }

    @Test
    void everyoneLeavingEndsTheMatchEarly() throws Exception {
        try (InProcessServer s = new InProcessServer("s-left", "--players", "alice", "--all-left-timeout", "1")) {
            try (Bot alice = new Bot(s.token("alice"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> s.server.playersConnected() == 1);
            }
            MatchReport r = s.awaitReport(15);
            assertThat(r.reason()).isEqualTo(MatchReport.EndReason.ALL_PLAYERS_LEFT);
            assertThat(r.players()).extracting(MatchReport.PlayerLine::name).containsExactly("alice");
        }
    }
}
