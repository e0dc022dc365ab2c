package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomState;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.support.FakeOrchestrator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lobby stopped while a launch was in flight leaves the orchestrator running a session for a room the lobby has
 * reopened; the orchestrator allows one live session per room (the fake keeps that rule here), so without recovery
 * the room's next start would fail with 409 forever. Real application starts on one H2 file, orchestrator faked
 * over HTTP.
 */
class OrphanSessionsTest {
    @TempDir
    Path dir;

    private static ConfigurableApplicationContext lobby(String db, FakeOrchestrator orchestrator, String countdown) {
        return new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run("--spring.datasource.url=jdbc:h2:file:" + db,
                "--server.port=0", "--server.address=127.0.0.1", "--skirmish.lobby.orchestrator-url=" + orchestrator.url(),
                "--skirmish.lobby.countdown=" + countdown, "--skirmish.lobby.reconnect-window=60s");
    }

    private static PlayerToken player(String name) {
        return new PlayerToken(UUID.randomUUID().toString(), name, Instant.now().plusSeconds(3600));
    }

    private static String readyRoom(ConfigurableApplicationContext lobby, PlayerToken alice, PlayerToken bob) {
        var rooms = lobby.getBean(RoomService.class);
        String roomId = rooms.create(alice, "interrupted", 2, false).id();
        rooms.join(bob, roomId, null);
        rooms.ready(alice, roomId, true);
        rooms.ready(bob, roomId, true);
        return roomId;
    }

    @Test
    void theSessionOfALaunchCutShortByARestartIsEndedAndTheRoomStartsAgain() throws Exception {
        String db = dir.resolve("restart").toString();
        var alice = player("alice");
        var bob = player("bob");
        try (var orchestrator = FakeOrchestrator.isolated()) {
            String roomId;
            try (var first = lobby(db, orchestrator, "60s")) {
                roomId = readyRoom(first, alice, bob);
                first.getBean(RoomStarts.class).start(alice, roomId);
            }
            // what the orchestrator made of the request that was in flight when the lobby went away
            String orphan = orchestrator.liveSessionWithoutLobby(roomId, Instant.now());
            String otherRooms = orchestrator.liveSessionWithoutLobby(UUID.randomUUID().toString(), Instant.now());
            try (var second = lobby(db, orchestrator, "100ms")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> orchestrator.stopped().contains(orphan));
                assertThat(orchestrator.stopped()).as("only the reopened room's session is ended").containsExactly(orphan);
                assertThat(orchestrator.stateOf(otherRooms)).isEqualTo("RUNNING");

                var rooms = second.getBean(RoomService.class);
                assertThat(rooms.get(roomId, alice.playerId()).state()).isEqualTo(RoomState.OPEN);
                second.getBean(RoomStarts.class).start(alice, roomId);
                await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(roomId, alice.playerId()).state() == RoomState.IN_GAME);
                assertThat(orchestrator.requests()).as("the new start got its session at the first try").hasSize(1);
            }
        }
    }

    @Test
    void aStartRefusedForALeftoverSessionEndsItAndAsksAgain() throws Exception {
        var alice = player("carol");
        var bob = player("dave");
        try (var orchestrator = FakeOrchestrator.isolated(); var lobby = lobby(dir.resolve("conflict").toString(), orchestrator, "100ms")) {
            String roomId = readyRoom(lobby, alice, bob);
            // made after this lobby started (a launch that finished after the start-up check): only the 409 reveals it
            String orphan = orchestrator.liveSessionWithoutLobby(roomId, Instant.now());
            var rooms = lobby.getBean(RoomService.class);
            lobby.getBean(RoomStarts.class).start(alice, roomId);
            await().atMost(Duration.ofSeconds(10)).until(() -> rooms.get(roomId, alice.playerId()).state() == RoomState.IN_GAME);
            assertThat(orchestrator.stopped()).containsExactly(orphan);
            assertThat(orchestrator.requests()).as("refused with 409, then made once the leftover was ended").hasSize(2);

            // the room's own, running session is never taken for a leftover
            assertThat(lobby.getBean(OrphanSessions.class).end(roomId, s -> true)).isZero();
            assertThat(orchestrator.stopped()).containsExactly(orphan);
        }
    }
}
