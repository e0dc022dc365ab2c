package dev.skirmish.lobby;

import dev.skirmish.lobby.chat.ChatMessage;
import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.support.FakeOrchestrator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two real starts of the application on the same H2 file: rooms, seats, chat and match history survive. */
class RestartTest {
    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String dbFile) {
        // command-line arguments: they outrank application-test.yml (builder properties would not)
        return new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run("--spring.datasource.url=jdbc:h2:file:" + dbFile,
                "--server.port=0", "--server.address=127.0.0.1", "--skirmish.lobby.orchestrator-url=" + FakeOrchestrator.shared().url(),
                "--skirmish.lobby.empty-room-ttl=300s");
    }

    @Test
    void roomsChatAndMatchHistorySurviveARestart() {
        String db = dir.resolve("lobby").toString();
        var alice = new PlayerToken("11111111-1111-1111-1111-111111111111", "alice", Instant.now().plusSeconds(3600));
        var bob = new PlayerToken("22222222-2222-2222-2222-222222222222", "bob", Instant.now().plusSeconds(3600));
        String roomId;
        String privateId;
        try (var first = start(db)) {
            var rooms = first.getBean(RoomService.class);
            RoomView room = rooms.create(alice, "survivor", 4, false);
            roomId = room.id();
            rooms.join(bob, roomId, null);
            rooms.ready(bob, roomId, true);
            privateId = rooms.create(new PlayerToken("33333333-3333-3333-3333-333333333333", "carol", Instant.now().plusSeconds(3600)),
                    "hidden", 2, true).id();
            first.getBean(ChatService.class).send(alice, roomId, "before the restart");
            first.getBean(ChatService.class).send(bob, null, "lobby line");
            var matches = first.getBean(MatchService.class);
            matches.recordStart(rooms.get(roomId, null), "s-restart");
            matches.apply(new SessionEvent("ev-restart", "SESSION_ENDED", "s-restart", roomId, Instant.now(), "MATCH_END",
                    new SessionEvent.Result("MATCH_END", "bob", 30.0, List.of(new SessionEvent.PlayerScore("bob", 2, 0, 5)))));
        }
        try (var second = start(db)) {
            var rooms = second.getBean(RoomService.class);
            RoomView room = rooms.get(roomId, alice.playerId());
            assertThat(room.players()).extracting(RoomView.PlayerView::name).containsExactly("alice", "bob");
            assertThat(room.players().get(1).ready()).isTrue();
            assertThat(room.ownerId()).isEqualTo(alice.playerId());
            assertThat(rooms.roomOf(bob.playerId())).contains(roomId);
            assertThat(rooms.get(privateId, "33333333-3333-3333-3333-333333333333").code()).isNotBlank();
            var chat = second.getBean(ChatService.class);
            assertThat(chat.history(alice.playerId(), roomId, 0, 10).getContent()).extracting(ChatMessage::text).containsExactly("before the restart");
            assertThat(chat.history(alice.playerId(), null, 0, 10).getContent()).extracting(ChatMessage::text).contains("lobby line");
            var matches = second.getBean(MatchService.class);
            assertThat(matches.forPlayer("bob", 0, 10, 100).getContent()).singleElement()
                    .satisfies(m -> assertThat(m.winner()).isEqualTo("bob"));
            assertThat(matches.apply(new SessionEvent("ev-restart", "SESSION_ENDED", "s-restart", roomId, Instant.now(), "MATCH_END", null)))
                    .as("a retried event after the restart is still a duplicate").isFalse();
        }
    }

    @Test
    void theProdProfileRefusesTheDefaultServiceKey() {
        String db = dir.resolve("prod").toString();
        assertThatThrownBy(() -> new SpringApplicationBuilder(LobbyApplication.class).profiles("test", "prod")
                .run("--spring.datasource.url=jdbc:h2:file:" + db, "--server.port=0", "--skirmish.service-key=dev-service-key-change-me"))
                .hasStackTraceContaining("refusing to start in the prod profile with the default skirmish.service-key");
    }
}
