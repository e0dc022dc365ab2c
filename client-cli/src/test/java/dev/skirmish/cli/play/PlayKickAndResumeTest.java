package dev.skirmish.cli.play;

import static dev.skirmish.cli.LobbyFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code play} and a match it did not start in: started while the player's match already runs it finds that match
 * (the lobby re-sends the assignment) and joins it; kicked by an operator it says why and exits with 0. Real lobby,
 * real in-process game server (its orchestrator stand-in passes kicks as the heartbeat answer would).
 */
class PlayKickAndResumeTest {
    static LobbyWithGameServers stack;
    @TempDir
    static Path data;
    @TempDir
    Path alice;

    @BeforeAll
    static void start() throws Exception {
        stack = LobbyWithGameServers.start(data, 60);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private record Running(String sessionId, CompletableFuture<BotMatch.Outcome> bobGame, StompClient bobStomp) {
    }

    /** alice sits in bob's room (scripted commands), both ready, bob starts; bob plays as a bot. */
    private Running matchWithAliceAway(String aliceName, String bobName) throws Exception {
        assertThat(cli(alice, "login", "--name", aliceName, "--lobby", stack.url()).code()).isZero();
        LobbyClient bob = new LobbyClient(stack.url(), null);
        bob.token(bob.guest(bobName).path("token").asString());
        BlockingQueue<JsonNode> bobTickets = new LinkedBlockingQueue<>();
        StompClient bobStomp = StompClient.connect(bob.webSocketUri(), bob.token(), Duration.ofSeconds(10));
        bobStomp.subscribe("/user/queue/match", f -> bobTickets.add(LobbyClient.JSON.readTree(f.body())));
        String roomId = bob.createRoom(bobName + "-room", 2, false).path("id").asString();
        assertThat(cli(alice, "join", roomId).code()).isZero();
        assertThat(cli(alice, "ready").code()).isZero();
        bob.ready(roomId, true);
        bob.start(roomId);
        JsonNode ticket = bobTickets.poll(30, TimeUnit.SECONDS);
        assertThat(ticket).as("bob's connect token").isNotNull();
        CompletableFuture<BotMatch.Outcome> bobGame = CompletableFuture.supplyAsync(() -> {
            try (GameSession g = GameSession.connect(ticket.path("token").asString(), List.of(bobName, aliceName), Duration.ofSeconds(10))) {
                return BotMatch.play(g, new BotBrain(), System.nanoTime() + Duration.ofSeconds(60).toNanos());
            }
        }, r -> Thread.ofVirtual().start(r));
        return new Running(ticket.path("sessionId").asString(), bobGame, bobStomp);
    }

    @Test
    void playStartedWhileItsMatchRunsJoinsThatMatchAndAnOperatorsKickEndsItWithTheReason() throws Exception {
        Running m = matchWithAliceAway("alice2", "bob2");
        try {
            VirtualUi ui = new VirtualUi(120, 40);
            StringWriter out = new StringWriter();
            PlayCommand play = new PlayCommand(new Context(alice.resolve("cli.json"), new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true)), Duration.ofSeconds(10));
            CompletableFuture<Integer> exit = ui.run(play);
            // one command, no key: the running match is found and joined
            int at = ui.await(0, s -> s.startsWith("SKIRMISH ") && s.contains("j sword"), Duration.ofSeconds(30), "the arena");
            assertThat(play.currentGame()).isNotNull();

            // attack: an operator threw alice out; her client must not reconnect with the token it still holds
            String aliceId = CliConfig.load(alice.resolve("cli.json")).playerId();
            assertThat(stack.orchestrator.kick(m.sessionId(), aliceId)).isEqualTo(202);
            assertThat(exit.get(15, TimeUnit.SECONDS)).as("play exits cleanly").isZero();
            assertThat(out.toString()).contains("kicked by an operator");
            assertThat(ui.closed).isTrue();
            assertThat(m.bobGame().isDone()).as("bob plays on").isFalse();
        } finally {
            m.bobStomp().close();
        }
    }
}
