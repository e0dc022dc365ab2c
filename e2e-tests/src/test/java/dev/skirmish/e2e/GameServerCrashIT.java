package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A game server dies mid-match (SIGKILL): the players and the room hear of it within 5 s and the room is OPEN again. */
class GameServerCrashIT extends WithPlayers {
    @Test
    void killedGameServerReopensTheRoomWithinFiveSeconds() throws Exception {
        login("cara");
        login("dan");
        StartedMatch match = StartedMatch.start(players, 60);
        match.awaitRunning(stack);

        long pid = stack.session(match.sessionId()).path("pid").asLong();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("game server pid " + pid + " is not running"));
        assertThat(server.info().commandLine().orElse("")).contains(match.sessionId());
        long killedAt = System.nanoTime();
        assertThat(server.destroyForcibly()).isTrue();

        for (Player p : players) {
            long left = Duration.ofSeconds(5).toNanos() - (System.nanoTime() - killedAt);
            JsonNode ended = p.awaitRoomEvent("ENDED", Duration.ofNanos(Math.max(1, left)));
            assertThat(ended.path("matchId").asString()).isEqualTo(match.matchId());
            assertThat(ended.path("match").path("state").asString()).isEqualTo("CRASHED");
            assertThat(ended.path("room").path("state").asString()).isEqualTo("OPEN");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(players.getFirst().lobby.room(match.roomId()).path("state").asString()).isEqualTo("OPEN");
        assertThat(players.getFirst().lobby.match(match.matchId()).path("state").asString()).isEqualTo("CRASHED");
        assertThat(stack.session(match.sessionId()).path("state").asString()).isEqualTo("CRASHED");

        // the players' game connections notice too and stop (after the client's reconnect attempts) without finishing
        for (CompletableFuture<dev.skirmish.cli.bots.BotMatch.Outcome> g : match.games()) {
            var o = g.get(60, TimeUnit.SECONDS);
            assertThat(o.finished()).isFalse();
            assertThat(o.lostConnection()).isTrue();
        }
    }
}
