package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.bots.BotMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole path with nothing faked: two players sign in, meet in a room, chat, get ready and start; the lobby
 * asks the orchestrator, which launches a real game-server process; the players connect over UDP with their own
 * tokens and play a short match; the result travels game server → orchestrator → lobby and can be read over REST
 * (match history) and was pushed over STOMP (the room's ENDED event).
 */
class MatchFlowIT extends WithPlayers {
    private static final int MATCH_SECONDS = 10;
    @Test
    void twoPlayersChatPlayAndFindTheResultOverRestAndStomp() throws Exception {
        Player alice = login("alice");
        Player bob = login("bob");

        JsonNode room = alice.lobby.createRoom("e2e flow " + alice.name, 2, false, MATCH_SECONDS);
        String roomId = room.get("id").asString();
        assertThat(room.path("owner").asString()).isEqualTo(alice.name);
        alice.watchRoom(roomId);
        assertThat(bob.lobby.join(roomId, null).path("players")).hasSize(2);
        bob.watchRoom(roomId);
        assertThat(alice.awaitRoomEvent("JOINED", Duration.ofSeconds(10)).path("player").path("name").asString()).isEqualTo(bob.name);

        // chat both ways over STOMP, then in the room's REST history
        bob.say(roomId, "hi alice");
        assertThat(alice.awaitChat(m -> m.path("text").asString().equals("hi alice"), Duration.ofSeconds(10))
                .path("name").asString()).isEqualTo(bob.name);
        alice.say(roomId, "gl hf");
        assertThat(bob.awaitChat(m -> m.path("text").asString().equals("gl hf"), Duration.ofSeconds(10))
                .path("name").asString()).isEqualTo(alice.name);
        List<String> history = new ArrayList<>();
        alice.lobby.roomChat(roomId, 10).path("items").forEach(m -> history.add(m.path("text").asString()));
        assertThat(history).containsExactly("gl hf", "hi alice");

        alice.lobby.ready(roomId, true);
        bob.lobby.ready(roomId, true);
        assertThat(alice.lobby.start(roomId).path("state").asString()).isEqualTo("STARTING");
        alice.awaitRoomEvent("COUNTDOWN", Duration.ofSeconds(10));
        JsonNode started = bob.awaitRoomEvent("STARTED", StartedMatch.EVENT_WAIT);
        String matchId = started.path("matchId").asString();
        String sessionId = started.path("sessionId").asString();
        assertThat(alice.lobby.room(roomId).path("state").asString()).isEqualTo("IN_GAME");

        // each player got its own token, for the same game server
        JsonNode aliceTicket = alice.awaitAssignment(Duration.ofSeconds(10));
        JsonNode bobTicket = bob.awaitAssignment(Duration.ofSeconds(10));
        assertThat(aliceTicket.path("playerId").asString()).isEqualTo(alice.id);
        assertThat(bobTicket.path("playerId").asString()).isEqualTo(bob.id);
        assertThat(aliceTicket.path("token").asString()).isNotEqualTo(bobTicket.path("token").asString());
        assertThat(aliceTicket.path("port").asInt()).isEqualTo(bobTicket.path("port").asInt()).isPositive();
        assertThat(aliceTicket.path("sessionId").asString()).isEqualTo(sessionId);
        assertThat(stack.session(sessionId).path("pid").asLong()).isPositive();

        List<String> seats = List.of(alice.name, bob.name);
        var aliceGame = alice.play(aliceTicket, seats, Duration.ofSeconds(MATCH_SECONDS + 60));
        var bobGame = bob.play(bobTicket, seats, Duration.ofSeconds(MATCH_SECONDS + 60));
        BotMatch.Outcome a = aliceGame.get(MATCH_SECONDS + 90, TimeUnit.SECONDS);
        BotMatch.Outcome b = bobGame.get(MATCH_SECONDS + 90, TimeUnit.SECONDS);
        assertThat(a.finished()).as("alice saw the match end").isTrue();
        assertThat(b.finished()).as("bob saw the match end").isTrue();
        assertThat(a.buttonsPressed()).as("alice's inputs").isPositive();
        assertThat(a.lastView().fighters()).hasSize(2);

        // STOMP: the room's ENDED event carries the stored match
        JsonNode ended = alice.awaitRoomEvent("ENDED", StartedMatch.EVENT_WAIT);
        assertThat(ended.path("matchId").asString()).isEqualTo(matchId);
        assertThat(ended.path("room").path("state").asString()).isEqualTo("OPEN");
        assertFinished(ended.path("match"), matchId, alice, bob);
        assertThat(bob.awaitRoomEvent("ENDED", Duration.ofSeconds(10)).path("matchId").asString()).isEqualTo(matchId);

        // REST: the match history, by player name and by id, and the room open again with ready flags cleared
        JsonNode byBob = bob.lobby.matches(bob.name, 5).path("items");
        assertThat(byBob).hasSize(1);
        assertFinished(byBob.get(0), matchId, alice, bob);
        assertFinished(alice.lobby.match(matchId), matchId, alice, bob);
        JsonNode after = alice.lobby.room(roomId);
        assertThat(after.path("state").asString()).isEqualTo("OPEN");
        after.path("players").forEach(p -> assertThat(p.path("ready").asBoolean()).isFalse());
        assertThat(stack.session(sessionId).path("state").asString()).isEqualTo("ENDED");
    }

    private static void assertFinished(JsonNode match, String matchId, Player... players) {
        assertThat(match.path("id").asString()).isEqualTo(matchId);
        assertThat(match.path("state").asString()).isEqualTo("ENDED");
        assertThat(match.path("endReason").asString()).isEqualTo("MATCH_END");
        // wall-clock seconds measured by the game server: a starved tick loop on a busy machine makes it longer
        assertThat(match.path("durationSeconds").asDouble()).isBetween(MATCH_SECONDS - 1.0, MATCH_SECONDS * 3.0);
        List<String> names = new ArrayList<>();
        match.path("players").forEach(p -> {
            names.add(p.path("name").asString());
            assertThat(p.path("kills").isNumber()).as("kills of " + p).isTrue();
            assertThat(p.path("deaths").isNumber()).as("deaths of " + p).isTrue();
        });
        assertThat(names).containsExactlyInAnyOrder(java.util.Arrays.stream(players).map(p -> p.name).toArray(String[]::new));
    }
}
