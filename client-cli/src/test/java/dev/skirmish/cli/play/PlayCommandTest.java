package dev.skirmish.cli.play;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.bots.BotBrain;
import dev.skirmish.cli.bots.BotMatch;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.game.LobbyWithGameServers;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.stomp.StompClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code play} end to end on a virtual terminal against the real lobby and a real (in-process) game server: create a
 * room with a key, a second player joins, ready, start, the arena, a lost game connection that is announced and
 * recovered with the same token, the scoreboard, and back to the room with a key.
 */
class PlayCommandTest {
    static LobbyWithGameServers stack;
    static LobbyFixture lobby;
    @TempDir
    static Path data;
    @TempDir
    Path alice;

    @BeforeAll
    static void start() throws Exception {
        stack = LobbyWithGameServers.start(data, 10);
        lobby = stack.lobby;
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void playAMatchLoseTheLinkReconnectSeeTheScoreboardAndReturnToTheRoom() throws Exception {
        assertThat(cli(alice, "login", "--name", "alice", "--lobby", lobby.url).code()).isZero();
        VirtualUi ui = new VirtualUi(120, 40);
        StringWriter err = new StringWriter();
        PlayCommand play = new PlayCommand(new Context(alice.resolve("cli.json"), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)), Duration.ofSeconds(10));
        CompletableFuture<Integer> exit = ui.run(play);

        int at = ui.await(0, s -> s.contains("signed in as alice"), Duration.ofSeconds(10), "the lobby browser");
        // the browser is live: a room someone else creates shows up without a key press
        LobbyClient carl = new LobbyClient(lobby.url, null);
        carl.token(carl.guest("carl").path("token").asString());
        carl.createRoom("carls-den", 3, false);
        at = ui.await(at, s -> s.contains("carls-den") && s.contains("1/3"), Duration.ofSeconds(10), "carl's room, live");
        ui.press('c');
        at = ui.await(at, s -> s.contains("ROOM alices-room") && s.contains("<- you"), Duration.ofSeconds(10), "the new room");
        String roomId = CliConfig.load(alice.resolve("cli.json")).roomId();
        assertThat(roomId).isNotBlank();

        // bob, a plain client, joins and gets ready
        LobbyClient bob = new LobbyClient(lobby.url, null);
        bob.token(bob.guest("bob").path("token").asString());
        BlockingQueue<JsonNode> bobTickets = new LinkedBlockingQueue<>();
        try (StompClient bobStomp = StompClient.connect(bob.webSocketUri(), bob.token(), Duration.ofSeconds(10))) {
            bobStomp.subscribe("/user/queue/match", f -> bobTickets.add(LobbyClient.JSON.readTree(f.body())));
            bob.join(roomId, null);
            bob.ready(roomId, true);
            at = ui.await(at, s -> s.contains("[x] bob"), Duration.ofSeconds(10), "bob ready in the room");
            // chat: alice types a line, bob's line arrives live
            ui.press('t');
            "gl hf".chars().forEach(ui::press);
            ui.press('\r');
            at = ui.await(at, s -> s.contains("alice: gl hf"), Duration.ofSeconds(10), "alice's chat line");
            bobStomp.send("/app/rooms/" + roomId + "/chat", "{\"text\":\"you too\"}");
            at = ui.await(at, s -> s.contains("bob: you too"), Duration.ofSeconds(10), "bob's chat line");
            ui.press('r');
            at = ui.await(at, s -> s.contains("[x] alice"), Duration.ofSeconds(10), "alice ready");
            ui.press('s');

            JsonNode ticket = bobTickets.poll(30, TimeUnit.SECONDS);
            assertThat(ticket).as("bob's connect token").isNotNull();
            CompletableFuture<BotMatch.Outcome> bobGame = CompletableFuture.supplyAsync(() -> {
                try (GameSession g = GameSession.connect(ticket.path("token").asString(), List.of("alice", "bob"), Duration.ofSeconds(10))) {
                    return BotMatch.play(g, new BotBrain(), System.nanoTime() + Duration.ofSeconds(60).toNanos());
                }
            }, r -> Thread.ofVirtual().start(r));

            at = ui.await(at, s -> s.startsWith("SKIRMISH ") && s.contains("j sword"), Duration.ofSeconds(30), "the arena");
            // the link drops (the socket is closed under the running game): play says so and reconnects with its token
            GameSession live = play.currentGame();
            assertThat(live).isNotNull();
            live.close();
            at = ui.await(at, s -> s.contains("connection lost - reconnecting..."), Duration.ofSeconds(5), "the lost-connection notice");
            at = ui.await(at, s -> s.contains("j sword") && !s.contains("reconnecting"), Duration.ofSeconds(10), "the arena again");
            assertThat(play.currentGame()).isSameAs(live);
            assertThat(live.lost()).as("reconnected").isFalse();

            at = ui.await(at, s -> s.contains("SCOREBOARD"), Duration.ofSeconds(30), "the scoreboard");
            String board = ui.frame(at);
            assertThat(board).contains("press any key to return to the room").contains("alice").contains("bob").contains("<- you");
            assertThat(bobGame.get(30, TimeUnit.SECONDS).finished()).isTrue();

            ui.press(' ');
            at = ui.await(at, s -> s.contains("ROOM alices-room") && s.contains("[ ] alice"), Duration.ofSeconds(10),
                    "the room again, ready flags cleared");
            assertThat(play.currentGame()).isNull();
            ui.press('q');
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(ui.closed).isTrue();
        }

        LobbyFixture.Result matches = cli(alice, "matches", "--player", "bob");
        assertThat(matches.code()).as(matches.err()).isZero();
        assertThat(matches.out()).contains("ENDED").contains("alices-room").containsPattern("alice \\d+/\\d+").containsPattern("bob \\d+/\\d+");
        assertThat(CliConfig.load(alice.resolve("cli.json")).roomId()).as("q in the room leaves it").isNull();
    }
}
