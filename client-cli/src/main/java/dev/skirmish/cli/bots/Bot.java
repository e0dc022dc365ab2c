package dev.skirmish.cli.bots;

import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.lobby.LobbyException;
import dev.skirmish.cli.lobby.LiveLobby;
import dev.skirmish.protocol.client.GameClientException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One headless player doing what a person does: sign in, sit in a room (the room's first bot creates it, the
 * others join), chat, get ready, start (owner), play the match with a {@link BotBrain}, and again while time
 * remains. Everything goes through the public REST, STOMP and UDP interfaces.
 */
final class Bot implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final Duration WAIT_MATCH = Duration.ofSeconds(90);
    /** Generous: on a busy machine a freshly launched game server can be slow to answer its first packets. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    static final String CHAT_ECHO = "STOMP room chat -> own echo";
    static final String START_TO_TOKEN = "start -> connect token (incl. countdown)";
    /** Starts the lobby reports as failed in a row before a room gives up. */
    static final int MAX_FAILED_STARTS = 3;

    /** How one round went: a match played to its end, a start that did not happen (try again), or nothing more to do. */
    enum Round { PLAYED, NOT_STARTED, STOP }

    /**
     * What the bots of one room share: the room id once its owner created it, how many sit in it, and the match
     * length the owner asks for ({@code null}: the lobby's default).
     */
    record Group(int number, int size, Integer matchSeconds, CompletableFuture<String> roomId,
                 UnaryOperator<InetSocketAddress> route) {
    }

    private final String lobbyUrl;
    private final String name;
    private final boolean owner;
    private final Group group;
    private final BotStats stats;
    private final long deadlineNanos;
    private final int maxMatches;
    private final BlockingQueue<JsonNode> assignments = new LinkedBlockingQueue<>();
    volatile String playerName;

    Bot(String lobbyUrl, String name, boolean owner, Group group, BotStats stats, long deadlineNanos, int maxMatches) {
        this.lobbyUrl = lobbyUrl;
        this.name = name;
        this.owner = owner;
        this.group = group;
        this.stats = stats;
        this.deadlineNanos = deadlineNanos;
        this.maxMatches = maxMatches;
    }

    @Override
    public void run() {
        LobbyClient lobby = new LobbyClient(lobbyUrl, null);
        lobby.observer((op, nanos, status) -> stats.latencies.record(op, nanos, status == 0 || status >= 400));
        String roomId = null;
        try {
            JsonNode me = lobby.guest(name);
            lobby.token(me.get("token").asString());
            playerName = me.get("name").asString();
            stats.loggedIn.incrementAndGet();
            // LiveLobby: a bot that plays longer than its token refreshes it and keeps its live updates (maintain below)
            try (LiveLobby stomp = new LiveLobby(lobby, Duration.ofSeconds(10)).connect()) {
                stomp.subscribe("/user/queue/match", f -> assignments.add(LobbyClient.JSON.readTree(f.body())));
                stomp.subscribe("/user/queue/errors", f -> stats.error("lobby said: " + f.body()));
                roomId = sitDown(lobby);
                stats.inRoom.incrementAndGet();
                String hello = "hi, " + playerName + " here";
                java.util.concurrent.atomic.AtomicLong sentAt = new java.util.concurrent.atomic.AtomicLong();
                stomp.subscribe("/topic/rooms/" + roomId + "/chat", f -> {
                    // our own message coming back: how long the lobby took to store and fan it out
                    long at = sentAt.get();
                    if (at != 0 && f.body() != null && f.body().contains(hello) && sentAt.compareAndSet(at, 0)) {
                        stats.latencies.record(CHAT_ECHO, System.nanoTime() - at, false);
                    }
                });
                sentAt.set(System.nanoTime());
                stomp.send("/app/rooms/" + roomId + "/chat", LobbyClient.JSON.writeValueAsString(Map.of("text", hello)));
                stats.chatsSent.increment();
                // a launch the lobby gives up on (START_FAILED) or a cancelled countdown ends the wait for a token
                stomp.subscribe("/topic/rooms/" + roomId, f -> {
                    JsonNode e = LobbyClient.JSON.readTree(f.body());
                    String type = e.path("type").asString();
                    if (type.equals("START_FAILED") || type.equals("COUNTDOWN_CANCELLED")) {
                        assignments.add(e);
                    }
                });
                int played = 0;
                int failedStarts = 0;
                while (System.nanoTime() < deadlineNanos && played < maxMatches) {
                    stomp.maintain();
                    if (!stomp.isOpen()) {
                        break;
                    }
                    Round round = playOneMatch(lobby, roomId);
                    if (round == Round.STOP) {
                        break;
                    }
                    if (round == Round.NOT_STARTED) {
                        if (++failedStarts >= MAX_FAILED_STARTS) {
                            break;
                        }
                        continue;
                    }
                    failedStarts = 0;
                    played++;
                }
            }
        } catch (LobbyException | GameClientException | dev.skirmish.cli.stomp.StompException e) {
            stats.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.info("bot {} stopped: {}", name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stats.error(e.toString());
            log.warn("bot {} failed", name, e);
        } finally {
            if (roomId != null) {
                stats.inRoom.decrementAndGet();
                try {
                    lobby.leave(roomId);
                } catch (LobbyException e) {
                    log.debug("bot {} could not leave: {}", name, e.getMessage());
                }
            }
        }
    }

    private String sitDown(LobbyClient lobby) throws InterruptedException {
        if (owner) {
            int capacity = Math.max(2, group.size());
            JsonNode room = group.matchSeconds() == null ? lobby.createRoom(name + "-room", capacity, false)
                    : lobby.createRoom(name + "-room", capacity, false, group.matchSeconds());
            group.roomId().complete(room.get("id").asString());
            return room.get("id").asString();
        }
        String id;
        try {
            id = group.roomId().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new LobbyException(0, "NO_ROOM", "room " + group.number() + " was never created");
        }
        lobby.join(id, null);
        return id;
    }

    /** Ready, start (owner), play. */
    private Round playOneMatch(LobbyClient lobby, String roomId) throws InterruptedException {
        if (group.matchSeconds() != null && deadlineNanos - System.nanoTime() < Duration.ofSeconds(group.matchSeconds() + 5L).toNanos()) {
            // a match that cannot end before the run does would only be abandoned
            return Round.STOP;
        }
        if (!awaitRoom(lobby, roomId, r -> "OPEN".equals(r.path("state").asString()))) {
            return Round.STOP;
        }
        lobby.ready(roomId, true);
        long startedAt = 0;
        if (owner) {
            if (!awaitRoom(lobby, roomId, r -> r.path("players").size() >= group.size() && allReady(r))) {
                return Round.STOP;
            }
            startedAt = System.nanoTime();
            lobby.start(roomId);
            stats.matchesStarted.increment();
        }
        JsonNode a = assignments.poll(Math.min(WAIT_MATCH.toNanos(), Math.max(0, deadlineNanos - System.nanoTime())), TimeUnit.NANOSECONDS);
        if (a == null) {
            if (System.nanoTime() < deadlineNanos) {
                stats.error("no match assignment within " + WAIT_MATCH.toSeconds() + " s");
            }
            // else: the run's time is up while waiting, which is how a run ends
            return Round.STOP;
        }
        if (a.has("type")) {
            if (owner) {
                stats.error("match did not start: " + a.path("type").asString() + " " + a.path("reason").asString(""));
            }
            return Round.NOT_STARTED;
        }
        if (owner) {
            stats.latencies.record(START_TO_TOKEN, System.nanoTime() - startedAt, false);
        }
        List<String> names = new ArrayList<>();
        lobby.room(roomId).path("players").forEach(p -> names.add(p.path("name").asString()));
        stats.playing.incrementAndGet();
        try (GameSession session = GameSession.connect(a.path("token").asString(), names, CONNECT_TIMEOUT, group.route())) {
            BotMatch.Outcome o = BotMatch.play(session, new BotBrain(), deadlineNanos);
            if (o.lostConnection()) {
                stats.error("lost the game server and could not reconnect");
            }
            if (o.finished() && owner) {
                stats.matchesFinished.increment();
            }
            return o.finished() ? Round.PLAYED : Round.STOP;
        } finally {
            stats.playing.decrementAndGet();
        }
    }

    private static boolean allReady(JsonNode room) {
        for (JsonNode p : room.path("players")) {
            if (!p.path("ready").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** True once the room is as wanted; false when the run's time is up first (not an error). */
    private boolean awaitRoom(LobbyClient lobby, String roomId, java.util.function.Predicate<JsonNode> ok) throws InterruptedException {
        long until = Math.min(deadlineNanos, System.nanoTime() + WAIT_MATCH.toNanos());
        while (System.nanoTime() < until) {
            if (ok.test(lobby.room(roomId))) {
                return true;
            }
            Thread.sleep(250);
        }
        if (System.nanoTime() >= deadlineNanos) {
            return false;
        }
        throw new LobbyException(0, "TIMEOUT", "room " + roomId + " did not reach the expected state in " + WAIT_MATCH.toSeconds() + " s");
    }
}
