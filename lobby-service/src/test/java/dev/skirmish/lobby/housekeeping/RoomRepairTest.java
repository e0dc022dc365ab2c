package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomState;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.support.FakeOrchestrator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lobby never hears that a room's session ended (the event was lost, or its delivery keeps failing): the repair
 * job asks the orchestrator (a stand-in over HTTP on loopback) and reopens, within 30 s, every IN_GAME room whose
 * session is over there or that it does not know; a room whose session still runs stays IN_GAME.
 */
class RoomRepairTest {

    @Test
    void inGameRoomsWhoseSessionIsOverOrUnknownAtTheOrchestratorAreOpenAgainWithin30Seconds() throws Exception {
        try (var orchestrator = FakeOrchestrator.isolated();
             var lobby = new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run(
                     "--spring.datasource.url=jdbc:h2:mem:repair-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "--server.port=0",
                     "--server.address=127.0.0.1", "--skirmish.lobby.orchestrator-url=" + orchestrator.url(), "--skirmish.lobby.countdown=100ms",
                     "--skirmish.lobby.housekeeping.repair-interval=1s", "--skirmish.lobby.housekeeping.repair-grace=0s")) {
            var rooms = lobby.getBean(RoomService.class);
            String crashed = inGame(lobby, "crashed");
            String forgotten = inGame(lobby, "forgotten");
            String running = inGame(lobby, "running");

            String crashedSession = rooms.get(crashed, null).sessionId();
            orchestrator.endWithoutTelling(crashedSession, "CRASHED", "EXITED (exit code 137)");
            orchestrator.forget(rooms.get(forgotten, null).sessionId());

            await().atMost(Duration.ofSeconds(30)).until(() -> rooms.get(crashed, null).state() == RoomState.OPEN
                    && rooms.get(forgotten, null).state() == RoomState.OPEN);
            assertThat(rooms.get(running, null).state()).isEqualTo(RoomState.IN_GAME);
            var owner = rooms.get(crashed, null).ownerId();
            var matches = lobby.getBean(MatchService.class);
            var match = matches.forPlayer(owner, 0, 10, 100).getContent().getFirst();
            assertThat(match.state()).isEqualTo("CRASHED");
            assertThat(match.endReason()).isEqualTo("REPAIRED: EXITED (exit code 137)");

            // the orchestrator's own event, late, still completes the repaired match with its result
            var result = new SessionEvent.Result("MATCH_END", "crashed-a", 42.0, List.of());
            assertThat(matches.apply(new SessionEvent(UUID.randomUUID().toString(), "SESSION_ENDED", crashedSession, crashed, Instant.now(),
                    "MATCH_END", result))).isTrue();
            var completed = matches.forPlayer(owner, 0, 10, 100).getContent().getFirst();
            assertThat(completed.state()).isEqualTo("ENDED");
            assertThat(completed.winner()).isEqualTo("crashed-a");
            assertThat(rooms.get(crashed, null).state()).isEqualTo(RoomState.OPEN);
        }
    }

    private static String inGame(ConfigurableApplicationContext lobby, String name) {
        var rooms = lobby.getBean(RoomService.class);
        var a = new PlayerToken(UUID.randomUUID().toString(), name + "-a", Instant.now().plusSeconds(3600));
        var b = new PlayerToken(UUID.randomUUID().toString(), name + "-b", Instant.now().plusSeconds(3600));
        String roomId = rooms.create(a, name, 2, false).id();
        rooms.join(b, roomId, null);
        rooms.ready(a, roomId, true);
        rooms.ready(b, roomId, true);
        lobby.getBean(RoomStarts.class).start(a, roomId);
        await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(roomId, null).state() == RoomState.IN_GAME);
        return roomId;
    }
}
