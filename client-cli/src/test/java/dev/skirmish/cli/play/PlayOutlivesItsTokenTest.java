package dev.skirmish.cli.play;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.shell.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code play} left open longer than its token lives (tokens last 1 h; here 4 s): the lobby browser still updates
 * live, the stored token is the refreshed one (so the next command works), and no expired-token notice is shown.
 * Without the refresh the lobby closes the STOMP connection with TOKEN_EXPIRED and the browser goes stale.
 */
class PlayOutlivesItsTokenTest {
    static final Duration TTL = Duration.ofSeconds(4);
    static LobbyFixture lobby;
    @TempDir
    static Path data;
    @TempDir
    Path alice;

    @BeforeAll
    static void startLobby() {
        lobby = LobbyFixture.withTokenTtl(data, TTL);
    }

    @AfterAll
    static void stopLobby() {
        lobby.close();
    }

    @Test
    void theLobbyBrowserStaysLiveForThreeTokenLifetimes() throws Exception {
        assertThat(cli(alice, "login", "--name", "alice", "--lobby", lobby.url).code()).isZero();
        String signedIn = CliConfig.load(alice.resolve("cli.json")).token();
        VirtualUi ui = new VirtualUi(120, 40);
        PlayCommand play = new PlayCommand(new Context(alice.resolve("cli.json"),
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true)));
        CompletableFuture<Integer> exit = ui.run(play);
        int at = ui.await(0, s -> s.contains("signed in as alice"), Duration.ofSeconds(10), "the lobby browser");

        // three token lifetimes pass with the browser open: play refreshes ahead of each expiry and stores the token
        java.util.Set<String> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();
        stored.add(signedIn);
        long threeLifetimes = System.nanoTime() + TTL.multipliedBy(3).toNanos();
        await().atMost(TTL.multipliedBy(6)).pollInterval(Duration.ofMillis(100)).until(() -> {
            stored.add(CliConfig.load(alice.resolve("cli.json")).token());
            return stored.size() >= 4 && System.nanoTime() > threeLifetimes;
        });

        LobbyClient carl = new LobbyClient(lobby.url, null);
        carl.token(carl.guest("carl").path("token").asString());
        carl.createRoom("carls-late-den", 3, false);
        at = ui.await(at, s -> s.contains("carls-late-den"), Duration.ofSeconds(10), "a room created after three token lifetimes, live");
        assertThat(ui.frame(at)).doesNotContain("TOKEN_EXPIRED").doesNotContain("log in again");

        ui.press('q');
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }
}
