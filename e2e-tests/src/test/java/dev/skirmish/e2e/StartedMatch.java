package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.bots.BotMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * A room whose match is running: the first player created it, the others joined, all got ready, the owner started,
 * every player got its own connect token over STOMP and is playing over UDP.
 */
record StartedMatch(String roomId, String matchId, String sessionId, List<Player> players,
                    List<CompletableFuture<BotMatch.Outcome>> games) {
    static final Duration EVENT_WAIT = Duration.ofSeconds(90);

    static StartedMatch start(List<Player> players, int matchSeconds) {
        Player owner = players.getFirst();
        JsonNode room = owner.lobby.createRoom("e2e " + owner.name, players.size(), false, matchSeconds);
        String roomId = room.get("id").asString();
        assertThat(room.path("matchSeconds").asInt()).isEqualTo(matchSeconds);
        owner.watchRoom(roomId);
        for (Player p : players.subList(1, players.size())) {
            p.lobby.join(roomId, null);
            p.watchRoom(roomId);
            owner.awaitRoomEvent("JOINED", Duration.ofSeconds(10));
        }
        for (Player p : players) {
            p.lobby.ready(roomId, true);
        }
        JsonNode starting = owner.lobby.start(roomId);
        assertThat(starting.path("state").asString()).isEqualTo("STARTING");
        JsonNode started = owner.awaitRoomEvent("STARTED", EVENT_WAIT);
        List<String> seats = new ArrayList<>();
        owner.lobby.room(roomId).path("players").forEach(p -> seats.add(p.path("name").asString()));
        List<CompletableFuture<BotMatch.Outcome>> games = new ArrayList<>();
        for (Player p : players) {
            JsonNode a = p.awaitAssignment(Duration.ofSeconds(10));
            assertThat(a.path("roomId").asString()).isEqualTo(roomId);
            assertThat(a.path("name").asString()).isEqualTo(p.name);
            assertThat(a.path("sessionId").asString()).isEqualTo(started.path("sessionId").asString());
            games.add(p.play(a, seats, Duration.ofSeconds(matchSeconds + 60L)));
        }
        return new StartedMatch(roomId, started.path("matchId").asString(), started.path("sessionId").asString(),
                List.copyOf(players), games);
    }

    /** Waits until the orchestrator has seen the game server's first RUNNING heartbeat (players connected). */
    void awaitRunning(Stack stack) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state = null;
        while (System.nanoTime() < until) {
            state = stack.session(sessionId).path("state").asString();
            if ("RUNNING".equals(state)) {
                return;
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError("session " + sessionId + " not RUNNING after 30 s (state " + state + ")");
    }
}
