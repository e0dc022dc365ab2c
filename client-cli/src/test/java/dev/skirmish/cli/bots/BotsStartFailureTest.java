package dev.skirmish.cli.bots;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.LobbyFixture.Result;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No orchestrator answers: the lobby reports START_FAILED, and the bots say so and give up instead of hanging. */
class BotsStartFailureTest {
    static LobbyFixture lobby;
    @TempDir
    static Path data;
    @TempDir
    Path user;

    @BeforeAll
    static void start() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        lobby = new LobbyFixture(data, "http://127.0.0.1:" + nobody);
    }

    @AfterAll
    static void stop() {
        lobby.close();
    }

    @Test
    void failedStartsAreRetriedAFewTimesThenReported() {
        long t0 = System.nanoTime();
        Result r = cli(user, "bots", "--lobby", lobby.url, "--count", "2", "--seconds", "120");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("matches started " + Bot.MAX_FAILED_STARTS + ",")
                .contains("error x" + Bot.MAX_FAILED_STARTS + ": match did not start: START_FAILED");
        // without the START_FAILED event a bot would wait 90 s for a token that never comes, and stop after one start
        assertThat(took).isLessThan(Duration.ofSeconds(90));
    }
}
