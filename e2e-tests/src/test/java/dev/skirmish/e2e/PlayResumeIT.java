package dev.skirmish.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skirmish.cli.bots.BotBrain;
import dev.skirmish.cli.bots.BotMatch;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.render.ArenaView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reconnection across tiers, end to end: alice plays with the real {@code skirmish play} (the packaged client-cli jar,
 * full screen on a pseudo terminal from util-linux {@code script}), against bob, a bot in this JVM who also watches
 * alice's fighter in his snapshots. Mid-match alice's client is killed with SIGKILL (no goodbye to anyone), then
 * started again with the same saved login: with that one command it finds the running match (the lobby re-sends the
 * assignment), waits until the game server has timed out the dead connection, and is back in the same slot with the
 * score it had, while the match goes on. The score is not the start's 0/0: bob's bot plans its way to alice
 * (walks, drops and jumps over the arena's platforms) and the test waits, bounded, until he has scored on her.
 */
class PlayResumeIT extends WithPlayers {
    private static final int MATCH_SECONDS = 150;
    private static final Duration SCORE_WAIT = Duration.ofSeconds(60);
    /** Pixel y of the arena's lower half (row 14 down: where any fall ends). */
    private static final float LOWER_HALF_Y = 14 * 32;

    @Test
    void aPlayClientKilledMidMatchIsBackInItsSlotWithItsScoreAfterOneCommand() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs util-linux `script` for a pseudo terminal (play is full screen)");
        Player alice = login("alice");
        Player bob = login("bob");
        JsonNode room = alice.lobby.createRoom("e2e resume " + alice.name, 2, false, MATCH_SECONDS);
        String roomId = room.get("id").asString();
        alice.watchRoom(roomId);
        bob.lobby.join(roomId, null);
        alice.awaitRoomEvent("JOINED", Duration.ofSeconds(10));

        // what `skirmish login` and `join` leave behind, in a directory of alice's own
        Path home = Files.createTempDirectory(stack.dir, "alice-cli-");
        new CliConfig(stack.lobby.url, alice.id, alice.name, alice.lobby.token(), roomId).save(home.resolve("cli.json"));
        PlayProcess first = PlayProcess.start(script, home, "play-1");

        alice.lobby.ready(roomId, true);
        bob.lobby.ready(roomId, true);
        alice.lobby.start(roomId);
        String sessionId = alice.awaitRoomEvent("STARTED", StartedMatch.EVENT_WAIT).path("sessionId").asString();
        JsonNode ticket = bob.awaitAssignment(Duration.ofSeconds(10));
        GameSession bobGame = GameSession.connect(ticket.path("token").asString(), List.of(alice.name, bob.name), Duration.ofSeconds(15));
        CompletableFuture<BotMatch.Outcome> bobPlays = CompletableFuture.supplyAsync(
                () -> BotMatch.play(bobGame, new BotBrain(), System.nanoTime() + Duration.ofSeconds(MATCH_SECONDS).toNanos()),
                r -> Thread.ofVirtual().start(r));
        try {
            awaitAlice(bobGame, f -> f.connected(), Duration.ofSeconds(45), "alice's play in the match", first);
            // bob's bot reaches every spawn (BotBrainHuntTest), but a climb to the upper platforms takes it longer:
            // alice, if she spawned up there, walks right (the 'd' key) until she has dropped into the lower half,
            // which keeps the hunt short
            float spawnedAt = alice(bobGame).y();
            first.holdKeyUntil('d', () -> alice(bobGame).y() >= LOWER_HALF_Y, Duration.ofSeconds(20));
            long hunt = System.nanoTime();
            // bob's bot hunts her: a score other than the start's 0/0, so that "score kept" proves something
            ArenaView.Fighter before = awaitAlice(bobGame, f -> f.connected() && f.kills() + f.deaths() > 0, SCORE_WAIT,
                    "a score for alice (bob's bot killing her)", first);
            int slot = before.index();
            System.out.printf("PlayResumeIT: alice spawned at y=%.0f (%s), bob scored on her after %.1f s: %d kills, %d deaths%n",
                    spawnedAt, spawnedAt >= LOWER_HALF_Y ? "lower half" : "walked down", (System.nanoTime() - hunt) / 1e9,
                    before.kills(), before.deaths());

            first.kill9();
            assertThat(first.alive()).isFalse();
            // the one command, at once: the game server still holds the dead connection for up to 10 s
            PlayProcess second = PlayProcess.start(script, home, "play-2");
            Path serverLog = stack.dir.resolve("orchestrator").resolve("logs").resolve(sessionId + ".log");
            try {
                awaitLog(serverLog, "player " + alice.name + " timed out", Duration.ofSeconds(20), second);
                awaitLog(serverLog, "player " + alice.name + " (" + alice.id + ") reconnected from ", Duration.ofSeconds(60), second);
                assertThat(lines(serverLog).filter(l -> l.contains("player " + alice.name + " (" + alice.id + ") reconnected from "))
                        .toList().getLast()).as("same slot").endsWith(" as #" + slot);
                final ArenaView.Fighter had = before;
                ArenaView.Fighter back = awaitAlice(bobGame, f -> f.connected(), Duration.ofSeconds(10), "alice back in the match", second);
                assertThat(back.index()).as("same slot").isEqualTo(slot);
                assertThat(back.deaths()).as("deaths kept").isGreaterThanOrEqualTo(had.deaths());
                assertThat(back.kills()).as("kills kept").isGreaterThanOrEqualTo(had.kills());
                assertThat(stack.session(sessionId).path("state").asString()).as("the match goes on").isEqualTo("RUNNING");
                assertThat(bobPlays).as("bob plays on").isNotDone();
                assertThat(alice.lobby.room(roomId).path("state").asString()).isEqualTo("IN_GAME");
                // still there a moment later: the resumed client plays on (sends inputs, is not timed out)
                ServiceProcess.sleep(3000);
                assertThat(alice(bobGame).connected()).as("alice still connected").isTrue();
                assertThat(second.alive()).isTrue();
            } finally {
                second.kill9();
            }
        } finally {
            first.kill9();
            bobGame.close();
        }
    }

    private static java.util.stream.Stream<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream() : java.util.stream.Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitLog(Path log, String text, Duration timeout, PlayProcess client) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines(log).anyMatch(l -> l.contains(text))) {
                return;
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("the game server's log (" + log + ") has no '" + text + "' within " + timeout
                + "; client output:\n" + client.tail());
    }

    private static ArenaView.Fighter alice(GameSession bob) {
        ArenaView v = bob.view(System.nanoTime(), "");
        return v.fighters().stream().filter(f -> !f.self()).findFirst().orElse(null);
    }

    private static ArenaView.Fighter awaitAlice(GameSession bob, Predicate<ArenaView.Fighter> until, Duration timeout,
                                                String what, PlayProcess client) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ArenaView.Fighter f = null;
        while (System.nanoTime() < deadline) {
            f = alice(bob);
            if (f != null && until.test(f)) {
                return f;
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("no " + what + " within " + timeout + " (alice as bob sees her: " + f + "); client output:\n"
                + client.tail());
    }

    /** {@code java -jar client-cli.jar play} on a pseudo terminal; its screen and log go to a file. */
    private record PlayProcess(Process script, Path output) {
        static PlayProcess start(Path script, Path home, String name) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            String jar = Path.of(System.getProperty("e2e.cli.jar")).toAbsolutePath().normalize().toString();
            Path output = home.resolve(name + ".out");
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "-qfec", java + " -jar " + jar + " play", "/dev/null")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put(CliConfig.DIR_ENV, home.toString());
            pb.environment().put("TERM", "xterm");
            pb.environment().put("SKIRMISH_LOG_LEVEL", "INFO");
            // the pipe to script's stdin stays open for the process's life: at its end script would end the session
            return new PlayProcess(pb.start(), output);
        }

        boolean alive() {
            return script.isAlive();
        }

        /**
         * Holds a key down as a player does (a terminal repeats it; the client holds a move key 150 ms after each
         * press) until {@code done} or the timeout; the key is then released (no more repeats).
         */
        void holdKeyUntil(char key, java.util.function.BooleanSupplier done, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("'" + key + "' held for " + timeout + " did not get there; client output:\n" + tail());
                }
                script.getOutputStream().write(key);
                script.getOutputStream().flush();
                ServiceProcess.sleep(50);
            }
        }

        /** SIGKILL to the client's JVM (no DISCONNECT, no STOMP goodbye), then to the terminal around it. */
        void kill9() {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
            try {
                script.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String tail() {
            try {
                String s = Files.readString(output, java.nio.charset.StandardCharsets.ISO_8859_1);
                return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
