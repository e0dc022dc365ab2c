package dev.skirmish.cli.bots;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.LobbyFixture.Result;
import dev.skirmish.cli.game.LobbyWithGameServers;
import dev.skirmish.cli.lobby.LobbyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole path through public interfaces: bots sign in to the real lobby, fill rooms, chat, start; the lobby asks
 * the (test) orchestrator for a session; the bots play over UDP; the result comes back into the lobby's history.
 */
class DemoAndBotsTest {
    static LobbyWithGameServers stack;
    static LobbyFixture lobby;
    @TempDir
    static Path data;
    @TempDir
    Path user;

    @BeforeAll
    static void start() throws Exception {
        stack = LobbyWithGameServers.start(data, 8);
        lobby = stack.lobby;
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void demoPlaysOneMatchAndPrintsTheResultFromTheHistory() {
        Result r = cli(user, "demo", "--lobby", lobby.url, "--bots", "3", "--match-seconds", "8", "--timeout", "90");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("summary: matches finished 1").contains("errors 0");
        assertThat(r.out()).contains("MATCH_END").contains("winner").contains("PLAYERS (kills/deaths)");
        assertThat(r.out()).containsPattern("bot\\w+-0 \\d+/\\d+");
    }

    @Test
    void botsFillTwoRoomsAndFinishTheirMatches() throws Exception {
        Path report = user.resolve("bots.json");
        Result r = cli(user, "bots", "--lobby", lobby.url, "--count", "4", "--rooms", "2", "--seconds", "40", "--report-file", report.toString());
        assertThat(r.out()).contains("starting 4 bots in 2 room(s)").contains("bots 4/4 logged in");
        assertThat(r.out()).containsPattern("summary: matches finished [2-9]");
        assertThat(r.out()).containsPattern("chats [4-9]");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        // the load-driver part: percentiles of every lobby call, on screen and in the JSON report
        assertThat(r.out()).contains("latency (lobby calls as the bots saw them):").contains("P99 ms")
                .containsPattern("POST /api/players/guest +4 +0 ")
                .containsPattern("POST /api/rooms/\\{id}/join +2 +0 ");
        JsonNode json = LobbyClient.JSON.readTree(Files.readString(report));
        assertThat(json.path("bots").asInt()).isEqualTo(4);
        assertThat(json.path("matchesFinished").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(json.path("errors").asInt()).isZero();
        JsonNode lat = json.path("latencies");
        assertThat(lat.path("POST /api/players/guest").path("count").asInt()).isEqualTo(4);
        assertThat(lat.path("POST /api/rooms").path("count").asInt()).isEqualTo(2);
        assertThat(lat.path("POST /api/rooms/{id}/start").path("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(lat.path(Bot.START_TO_TOKEN).path("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(lat.path(Bot.CHAT_ECHO).path("count").asInt()).isEqualTo(4);
        JsonNode guest = lat.path("POST /api/players/guest");
        assertThat(guest.path("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(guest.path("p99Ms").asDouble());
        assertThat(guest.path("p99Ms").asDouble()).isLessThanOrEqualTo(guest.path("maxMs").asDouble());
    }

    @Test
    void aReportFileInAMissingDirectoryIsAUsageError() {
        Result r = cli(user, "bots", "--lobby", lobby.url, "--count", "2", "--seconds", "5", "--report-file",
                user.resolve("no/such/dir/r.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void badSwarmShapesAreUsageErrors() {
        assertThat(cli(user, "bots", "--lobby", lobby.url, "--count", "3", "--rooms", "2").code()).isEqualTo(2);
        assertThat(cli(user, "bots", "--lobby", lobby.url, "--count", "20", "--rooms", "1").code()).isEqualTo(2);
        assertThat(cli(user, "bots").code()).isEqualTo(2);
    }

    /** The simulated network's options are bounded: a typo must not start a run with a nonsense network. */
    @Test
    void badNetworkOptionsAreUsageErrors() {
        Result loss = cli(user, "bots", "--lobby", lobby.url, "--count", "2", "--loss", "150%");
        assertThat(loss.code()).isEqualTo(2);
        assertThat(loss.err()).contains("0..100");
        assertThat(cli(user, "bots", "--lobby", lobby.url, "--count", "2", "--latency", "fast").code()).isEqualTo(2);
        assertThat(cli(user, "bots", "--lobby", lobby.url, "--count", "2", "--jitter", "20s").code()).isEqualTo(2);
    }
}
