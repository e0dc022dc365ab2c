package dev.skirmish.cli.play;

import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.lobby.LiveLobby;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.lobby.LobbyException;
import dev.skirmish.cli.render.Screen;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.stomp.StompException;
import dev.skirmish.cli.text.Json;
import dev.skirmish.protocol.client.GameClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/**
 * One run of {@code play}: what its screens share (the lobby, its live link, the status line, which screen shows)
 * and the hand-offs between them. Lobby pushes arrive on the STOMP thread and only mark what to reload or queue a
 * match assignment; the loop thread does the work.
 */
final class Play {
    private final Context ctx;
    private final CliConfig me;
    private final LobbyClient lobby;
    private final LobbyScreen lobbyScreen;
    private final RoomScreen roomScreen;
    private final GameScreen gameScreen;
    private final ScoreScreen scoreScreen;
    private final ConcurrentLinkedQueue<JsonNode> assignments = new ConcurrentLinkedQueue<>();
    private LiveLobby stomp;
    private volatile PlayScreen screen;
    private volatile String status = "";
    private long lastLobbyRetry;
    private boolean lobbyLost;
    /** Set when {@code play} must end on its own (kicked from the match): the line it prints after the screen closes. */
    private volatile String finished;
    /** A match assignment whose game server did not let us in yet (after a restart: until it timed out our old link). */
    private JsonNode pending;
    private long pendingUntil;
    private long nextTry;

    Play(Context ctx, CliConfig me, LobbyClient lobby, Duration reconnectWindow) {
        this.ctx = ctx;
        this.me = me;
        this.lobby = lobby;
        this.lobbyScreen = new LobbyScreen(this);
        this.roomScreen = new RoomScreen(this);
        this.gameScreen = new GameScreen(this, reconnectWindow);
        this.scoreScreen = new ScoreScreen(this);
        this.screen = lobbyScreen;
    }

    Context ctx() {
        return ctx;
    }

    CliConfig me() {
        return me;
    }

    LobbyClient lobby() {
        return lobby;
    }

    LiveLobby stomp() {
        return stomp;
    }

    LobbyScreen lobbyScreen() {
        return lobbyScreen;
    }

    RoomScreen roomScreen() {
        return roomScreen;
    }

    GameScreen gameScreen() {
        return gameScreen;
    }

    ScoreScreen scoreScreen() {
        return scoreScreen;
    }

    String status() {
        return status;
    }

    void status(String text) {
        status = text;
    }

    void show(PlayScreen next) {
        screen = next;
    }

    /** Opens the lobby's live link: room list changes, match assignments, errors, and the room you sit in. */
    void connect() {
        stomp = new LiveLobby(lobby, Duration.ofSeconds(10)).connect();
        stomp.subscribe("/topic/rooms", f -> lobbyScreen.markDirty());
        stomp.subscribe("/user/queue/match", f -> assignments.add(LobbyClient.JSON.readTree(f.body())));
        stomp.subscribe("/user/queue/errors", f -> status = "lobby: " + Json.s(LobbyClient.JSON.readTree(f.body()), "message"));
        roomScreen.resubscribe();
    }

    /** One key to the screen that shows; false to quit. */
    boolean key(int key) {
        try {
            return screen.key(key);
        } catch (LobbyException e) {
            status = "refused: " + e.getMessage();
            return true;
        }
    }

    /** Ends {@code play}: the loop stops after this frame and {@code message} is printed once the screen is closed. */
    void finish(String message) {
        finished = message;
    }

    /** Null while {@code play} runs on. */
    String finished() {
        return finished;
    }

    /**
     * Once a frame: the showing screen reloads what is stale, then a match assignment takes the room to the arena.
     * An assignment also arrives for a match that is already running (the lobby re-sends it when a restarted client
     * subscribes): then the room comes from the assignment if none is remembered, and a refused connection is tried
     * again for the reconnect window, since the server lets the token in once it has timed our old connection out.
     */
    void refresh() {
        try {
            screen.refresh();
            JsonNode a = assignments.poll();
            if (a != null && screen != gameScreen) {
                pending = a;
                pendingUntil = System.nanoTime() + gameScreen.reconnectWindow().toNanos();
                nextTry = 0;
            }
            if (pending != null && screen != gameScreen && System.nanoTime() >= nextTry) {
                join(pending);
            }
        } catch (LobbyException e) {
            status = "lobby: " + e.getMessage();
        } catch (RuntimeException e) {
            status = "error: " + e.getMessage();
        }
    }

    private void join(JsonNode a) {
        JsonNode room = roomScreen.room();
        if (room == null || !Json.s(room, "id").equals(Json.s(a, "roomId"))) {
            roomScreen.enter(lobby.room(Json.s(a, "roomId")));
            room = roomScreen.room();
        }
        List<String> names = new ArrayList<>();
        room.path("players").forEach(p -> names.add(Json.s(p, "name")));
        status = "connecting to the game server " + Json.s(a, "host") + ":" + Json.s(a, "port") + " ...";
        try {
            gameScreen.begin(GameSession.connect(Json.s(a, "token"), names, Duration.ofSeconds(3)));
            pending = null;
            status = "";
        } catch (GameClientException e) {
            if (GameSession.kickedReason(e.reason())) {
                pending = null;
                finish(GameScreen.KICKED);
            } else if (System.nanoTime() >= pendingUntil) {
                pending = null;
                status = "could not join the match: " + e.getMessage();
            } else {
                nextTry = System.nanoTime() + 500_000_000L;
                status = "game server busy with our old connection - retrying...";
            }
        }
    }

    Screen draw(long now, int cols, int rows) {
        return screen.draw(now, cols, rows);
    }

    long frameNanos() {
        return screen.frameNanos();
    }

    /**
     * Keeps the lobby link alive: the token is refreshed before it expires and the socket moved to the new one; a
     * dropped socket (also one the lobby closed with TOKEN_EXPIRED) is announced and reopened, and the lobby keeps
     * our seat for its reconnect window meanwhile.
     */
    void checkLobbyLink() {
        if (gameScreen.reconnecting() || System.nanoTime() - lastLobbyRetry < 2_000_000_000L) {
            return;
        }
        if (!stomp.isOpen() && !lobbyLost) {
            lobbyLost = true;
            status = "lobby connection lost - reconnecting...";
            return; // drawn once before the attempt, which may take a while
        }
        try {
            if (stomp.maintain() == LiveLobby.Outcome.RECONNECTED) {
                lobbyLost = false;
                status = "reconnected to the lobby";
                roomScreen.markDirty();
                lobbyScreen.markDirty();
            }
        } catch (LobbyException e) {
            lastLobbyRetry = System.nanoTime();
            status = "lobby: " + e.getMessage();
        } catch (StompException e) {
            lastLobbyRetry = System.nanoTime();
            status = "lobby unreachable: " + e.getMessage() + " (retrying)";
        }
    }

    void close() {
        gameScreen.close();
        if (stomp != null) {
            stomp.close();
        }
    }
}
