package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The lobby restarts (same H2 file) while a match runs: the game keeps going over UDP, the orchestrator holds the
 * result in its outbox until the lobby is back, and the result is stored and the room reopened.
 */
class LobbyRestartIT extends WithPlayers {
    private static final int MATCH_SECONDS = 20;
    @Test
    void resultOfAMatchRunningDuringALobbyRestartIsStored() throws Exception {
        login("erin");
        login("finn");
        StartedMatch match = StartedMatch.start(players, MATCH_SECONDS);
        match.awaitRunning(stack);

        stack.restartLobby();

        // the game never noticed
        for (CompletableFuture<dev.skirmish.cli.bots.BotMatch.Outcome> g : match.games()) {
            assertThat(g.get(MATCH_SECONDS + 90, TimeUnit.SECONDS).finished()).isTrue();
        }
        Player erin = players.getFirst();
        // the same token works with the restarted lobby (the token secret is configured, not random)
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode stored = erin.lobby.match(match.matchId());
        while (!"ENDED".equals(stored.path("state").asString()) && System.nanoTime() < until) {
            ServiceProcess.sleep(250);
            stored = erin.lobby.match(match.matchId());
        }
        assertThat(stored.path("state").asString()).as("match after the restart: " + stored).isEqualTo("ENDED");
        assertThat(stored.path("endReason").asString()).isEqualTo("MATCH_END");
        assertThat(stored.path("players")).hasSize(2);
        stored.path("players").forEach(p -> assertThat(p.path("kills").isNumber()).isTrue());
        assertThat(erin.lobby.matches(erin.name, 5).path("items").get(0).path("id").asString()).isEqualTo(match.matchId());
        assertThat(erin.lobby.room(match.roomId()).path("state").asString()).isEqualTo("OPEN");

        // and a player reconnecting its STOMP session is a member of the reopened room again
        erin.connectStomp();
        erin.watchRoom(match.roomId());
        erin.say(match.roomId(), "still here");
        assertThat(erin.awaitChat(m -> m.path("text").asString().equals("still here"), Duration.ofSeconds(10))).isNotNull();
    }
}
