package dev.skirmish.lobby;

import dev.skirmish.lobby.chat.ChatMessage;
import dev.skirmish.lobby.chat.ChatService;
import dev.skirmish.lobby.matches.MatchService;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomStarts;
import dev.skirmish.lobby.rooms.RoomView;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.sessions.SessionEvent;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.rooms.RoomEvent;
import dev.skirmish.lobby.rooms.RoomState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.skirmish.lobby.security.TokenService;
import dev.skirmish.lobby.support.StompTestClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
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

    private ConfigurableApplicationContext start(String dbFile, String... more) {
        return start(dbFile, e -> { }, more);
    }

    private ConfigurableApplicationContext start(String dbFile, ApplicationListener<ApplicationEvent> listener, String... more) {
        var args = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:file:" + dbFile,
                "--server.port=0", "--server.address=127.0.0.1", "--skirmish.lobby.orchestrator-url=" + FakeOrchestrator.shared().url(),
                "--skirmish.lobby.empty-room-ttl=300s"));
        args.addAll(List.of(more));
        // seats read back after a restart get a reconnect window; these tests look at them long after the start
        if (args.stream().noneMatch(a -> a.startsWith("--skirmish.lobby.reconnect-window="))) {
            args.add("--skirmish.lobby.reconnect-window=60s");
        }
        // command-line arguments: they outrank application-test.yml (builder properties would not)
        return new SpringApplicationBuilder(LobbyApplication.class).profiles("test").listeners(listener).run(args.toArray(String[]::new));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void stoppingTheLobbyWithPlayersConnectedIsNotALeave(CapturedOutput out) {
        String db = dir.resolve("connected").toString();
        var alice = new PlayerToken("66666666-6666-6666-6666-666666666666", "alice", Instant.now().plusSeconds(3600));
        String roomId;
        StompTestClient client;
        try (var first = start(db)) {
            roomId = first.getBean(RoomService.class).create(alice, "steady", 2, false).id();
            int port = ((WebServerApplicationContext) first).getWebServer().getPort();
            client = StompTestClient.connect(port, first.getBean(TokenService.class).issue(alice.playerId(), alice.name()));
        }
        client.close();
        assertThat(out.getAll()).doesNotContain("Error publishing SessionDisconnectEvent").doesNotContain("TaskRejectedException");
        try (var second = start(db)) {
            assertThat(second.getBean(RoomService.class).roomOf(alice.playerId())).contains(roomId);
        }
    }

    @Test
    void aSeatNobodyComesBackForAfterARestartIsFreedWhenTheWindowEnds() throws Exception {
        String db = dir.resolve("window").toString();
        var alice = new PlayerToken("77777777-7777-7777-7777-777777777777", "alice", Instant.now().plusSeconds(3600));
        var bob = new PlayerToken("88888888-8888-8888-8888-888888888888", "bob", Instant.now().plusSeconds(3600));
        var carol = new PlayerToken("99999999-9999-9999-9999-999999999999", "carol", Instant.now().plusSeconds(3600));
        String roomId;
        try (var first = start(db)) {
            var rooms = first.getBean(RoomService.class);
            roomId = rooms.create(alice, "window", 3, false).id();
            rooms.join(bob, roomId, null);
            rooms.join(carol, roomId, null);
        }
        try (var second = start(db, "--skirmish.lobby.reconnect-window=3s")) {
            var rooms = second.getBean(RoomService.class);
            int port = ((WebServerApplicationContext) second).getWebServer().getPort();
            // bob comes back within the window over STOMP, carol (a scripted client) with a REST call, alice never
            var carolCall = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/rooms"))
                    .header("Authorization", "Bearer " + second.getBean(TokenService.class).issue(carol.playerId(), carol.name())).build();
            assertThat(java.net.http.HttpClient.newHttpClient().send(carolCall, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
            try (var bobClient = StompTestClient.connect(port, second.getBean(TokenService.class).issue(bob.playerId(), bob.name()))) {
                assertThat(rooms.roomOf(alice.playerId())).contains(roomId);
                // the seat index changes inside the release's transaction, the stored room when it commits: wait for both
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                        .until(() -> rooms.roomOf(alice.playerId()).isEmpty()
                                && rooms.get(roomId, bob.playerId()).players().size() == 2);
                RoomView room = rooms.get(roomId, bob.playerId());
                assertThat(room.players()).extracting(RoomView.PlayerView::name).containsExactly("bob", "carol");
                assertThat(room.ownerId()).isEqualTo(bob.playerId());
                Thread.sleep(3500); // a whole window later both still have their seats
                assertThat(rooms.roomOf(bob.playerId())).contains(roomId);
                assertThat(rooms.roomOf(carol.playerId())).contains(roomId);
            }
        }
    }

    @Test
    void aCountdownCutShortByARestartReopensTheRoomAndSaysWhy() {
        String db = dir.resolve("countdown").toString();
        var alice = new PlayerToken("44444444-4444-4444-4444-444444444444", "alice", Instant.now().plusSeconds(3600));
        var bob = new PlayerToken("55555555-5555-5555-5555-555555555555", "bob", Instant.now().plusSeconds(3600));
        String roomId;
        try (var first = start(db, "--skirmish.lobby.countdown=60s")) {
            var rooms = first.getBean(RoomService.class);
            roomId = rooms.create(alice, "interrupted", 2, false).id();
            rooms.join(bob, roomId, null);
            rooms.ready(alice, roomId, true);
            rooms.ready(bob, roomId, true);
            assertThat(first.getBean(RoomStarts.class).start(alice, roomId).state()).isEqualTo(RoomState.STARTING);
        }
        var seen = new CopyOnWriteArrayList<RoomEvent>();
        try (var second = start(db, e -> {
            if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof RoomEvent re) seen.add(re);
        })) {
            assertThat(second.getBean(RoomService.class).get(roomId, alice.playerId()).state()).isEqualTo(RoomState.OPEN);
            assertThat(seen).filteredOn(e -> e.roomId().equals(roomId)).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("COUNTDOWN_CANCELLED");
                assertThat(e.reason()).contains("restarted");
                assertThat(e.room().state()).isEqualTo(RoomState.OPEN);
            });
        }
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
            // accepted but not waited for: closing the context must still store them
            for (int i = 0; i < 9; i++) first.getBean(ChatService.class).send(alice, roomId, "queued " + i);
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
            assertThat(chat.history(alice.playerId(), roomId, 0, 10).getContent()).extracting(ChatMessage::text).containsExactly(
                    "queued 8", "queued 7", "queued 6", "queued 5", "queued 4", "queued 3", "queued 2", "queued 1", "queued 0", "before the restart");
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
