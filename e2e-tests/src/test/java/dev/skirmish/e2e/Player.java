package dev.skirmish.e2e;

import dev.skirmish.cli.bots.BotBrain;
import dev.skirmish.cli.bots.BotMatch;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.stomp.StompClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A player as a real client is one: a guest of the lobby (REST), a STOMP session listening to its match queue and
 * its room's topics, and, once the match starts, a UDP game connection with the token the lobby sent it, played by
 * the bots' brain. Everything it hears is queued so the tests can wait for it.
 */
final class Player implements AutoCloseable {
    final String name;
    final String id;
    final LobbyClient lobby;
    private volatile StompClient stomp;
    final BlockingQueue<JsonNode> roomEvents = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> chat = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> assignments = new LinkedBlockingQueue<>();
    final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

    private Player(String name, String id, LobbyClient lobby) {
        this.name = name;
        this.id = id;
        this.lobby = lobby;
    }

    /** A guest with a unique name ({@code prefix} plus a random tag), connected over STOMP. */
    static Player login(Stack stack, String prefix) {
        LobbyClient lobby = stack.lobbyClient();
        String name = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        JsonNode me = lobby.guest(name);
        lobby.token(me.get("token").asString());
        Player p = new Player(me.get("name").asString(), me.get("id").asString(), lobby);
        p.connectStomp();
        return p;
    }

    /** (Re)connects the STOMP session with the current token and listens to the private match queue. */
    void connectStomp() {
        StompClient old = stomp;
        if (old != null) {
            old.close();
        }
        StompClient s = StompClient.connect(lobby.webSocketUri(), lobby.token(), Duration.ofSeconds(15));
        s.onError(f -> errors.add(f.header("message") + " " + f.body()));
        s.subscribe("/user/queue/match", f -> assignments.add(LobbyClient.JSON.readTree(f.body())));
        s.subscribe("/user/queue/errors", f -> errors.add(f.body()));
        stomp = s;
    }

    /** Subscribes to a room's events and chat (members only, so after create/join). */
    void watchRoom(String roomId) {
        stomp.subscribe("/topic/rooms/" + roomId, f -> roomEvents.add(LobbyClient.JSON.readTree(f.body())));
        stomp.subscribe("/topic/rooms/" + roomId + "/chat", f -> chat.add(LobbyClient.JSON.readTree(f.body())));
        // SUBSCRIBE has no receipt here; give the lobby a moment to register it before anything is published
        ServiceProcess.sleep(300);
    }

    void say(String roomId, String text) {
        stomp.send("/app/rooms/" + roomId + "/chat", LobbyClient.JSON.writeValueAsString(Map.of("text", text)));
    }

    /** The first room event of this type (earlier ones of other types are skipped), or a failure naming what came. */
    JsonNode awaitRoomEvent(String type, Duration timeout) {
        return await(roomEvents, e -> type.equals(e.path("type").asString()), timeout, "room event " + type);
    }

    JsonNode awaitChat(Predicate<JsonNode> which, Duration timeout) {
        return await(chat, which, timeout, "chat message");
    }

    JsonNode awaitAssignment(Duration timeout) {
        return await(assignments, a -> true, timeout, "match assignment on /user/queue/match");
    }

    private JsonNode await(BlockingQueue<JsonNode> queue, Predicate<JsonNode> which, Duration timeout, String what) {
        long until = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        try {
            while (true) {
                JsonNode n = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (n == null) {
                    throw new AssertionError(name + ": no " + what + " within " + timeout + "; saw: [" + seen + "]; errors: " + errors);
                }
                if (which.test(n)) {
                    return n;
                }
                seen.append(n.path("type").asString(n.toString())).append(' ');
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Connects to the game server with the assignment's token and plays on a virtual thread until the match ends
     * or the deadline passes; the future carries how it went.
     */
    CompletableFuture<BotMatch.Outcome> play(JsonNode assignment, List<String> seatOrder, Duration atMost) {
        CompletableFuture<BotMatch.Outcome> outcome = new CompletableFuture<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        Thread.ofVirtual().name("play-" + name).start(() -> {
            try (GameSession session = GameSession.connect(assignment.path("token").asString(), seatOrder, Duration.ofSeconds(15))) {
                outcome.complete(BotMatch.play(session, new BotBrain(), deadline));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        return outcome;
    }

    @Override
    public void close() {
        StompClient s = stomp;
        if (s != null) {
            s.close();
        }
    }
}
