package dev.skirmish.cli.play;

import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.game.HeldKeys;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.lobby.LobbyException;
import dev.skirmish.cli.render.ArenaRenderer;
import dev.skirmish.cli.render.ArenaView;
import dev.skirmish.cli.render.LobbyScreens;
import dev.skirmish.cli.render.ScoreboardRenderer;
import dev.skirmish.cli.lobby.LiveLobby;
import dev.skirmish.cli.render.Tables;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.shell.UsageException;
import dev.skirmish.cli.stomp.StompException;
import dev.skirmish.cli.text.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * The interactive client: lobby browser with live updates, room view with chat, the arena at 60 Hz with prediction,
 * the scoreboard, and back to the room. Lobby pushes (STOMP) only mark what to refresh; the loop does the work.
 */
@Command(name = "play", description = "Full-screen terminal client: browse rooms, chat, play.")
public final class PlayCommand implements Callable<Integer> {
    private enum Mode { LOBBY, ROOM, GAME, SCORE }

    private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(30);
    private final Context ctx;
    private final Duration reconnectWindow;

    private LobbyClient lobby;
    private CliConfig me;
    private LiveLobby stomp;
    private volatile Mode mode = Mode.LOBBY;
    private volatile boolean roomsDirty = true;
    private volatile boolean roomDirty = true;
    private List<JsonNode> rooms = List.of();
    private int selected;
    private JsonNode room;
    private final List<String> chat = new CopyOnWriteArrayList<>();
    private String typing;
    private volatile String status = "";
    private final ConcurrentLinkedQueue<JsonNode> assignments = new ConcurrentLinkedQueue<>();
    private final List<LiveLobby.Subscription> roomSubscriptions = new ArrayList<>();
    private volatile GameSession game;
    private volatile boolean reconnecting;
    private ArenaView lastView;
    private final HeldKeys held = new HeldKeys();
    private long lastLobbyRetry;
    private boolean lobbyLost;

    public PlayCommand(Context ctx) {
        this(ctx, RECONNECT_WINDOW);
    }

    /** Tests shorten how long a lost game connection is retried. */
    PlayCommand(Context ctx, Duration reconnectWindow) {
        this.ctx = ctx;
        this.reconnectWindow = reconnectWindow;
    }

    @Override
    public Integer call() throws Exception {
        return play(TerminalUi::new);
    }

    interface UiFactory {
        Ui open() throws java.io.IOException;
    }

    /** Everything {@code play} does, on the terminal the factory opens (tests pass a virtual one). */
    int play(UiFactory terminal) throws Exception {
        me = ctx.config();
        if (!me.loggedIn()) {
            throw new UsageException("not logged in: run `skirmish login --name <name>` first");
        }
        lobby = new LobbyClient(me.lobby(), me.token());
        // a session longer than the token (1 h) refreshes it; the stored one follows, so later commands work too
        lobby.onTokenRefreshed(t -> {
            CliConfig now = ctx.config();
            new CliConfig(now.lobby(), now.playerId(), now.name(), t, now.roomId()).save(ctx.configFile());
        });
        lobby.me(); // fails early, with the lobby's message, if the token expired
        if (System.getenv("SKIRMISH_LOG_LEVEL") == null) {
            // log lines on stderr would tear the full-screen UI; what matters is on the status line
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.OFF);
        }
        try (Ui ui = terminal.open()) {
            connectStomp();
            if (me.roomId() != null) {
                try {
                    enterRoom(lobby.room(me.roomId()));
                } catch (LobbyException e) {
                    status = "your last room is gone: " + e.getMessage();
                }
            }
            loop(ui);
        } finally {
            if (game != null) {
                game.close();
            }
            if (stomp != null) {
                stomp.close();
            }
        }
        return 0;
    }

    private void connectStomp() {
        stomp = new LiveLobby(lobby, Duration.ofSeconds(10)).connect();
        stomp.subscribe("/topic/rooms", f -> roomsDirty = true);
        stomp.subscribe("/user/queue/match", f -> assignments.add(LobbyClient.JSON.readTree(f.body())));
        stomp.subscribe("/user/queue/errors", f -> status = "lobby: " + Json.s(LobbyClient.JSON.readTree(f.body()), "message"));
        roomSubscriptions.clear();
        if (room != null) {
            subscribeRoom(Json.s(room, "id"));
        }
    }

    private void loop(Ui ui) {
        long next = System.nanoTime();
        while (true) {
            int key;
            while ((key = ui.poll()) != -1) {
                if (!handleKey(key)) {
                    return;
                }
            }
            checkLobbyLink();
            refresh();
            long now = System.nanoTime();
            ui.draw(switch (mode) {
                case LOBBY -> LobbyScreens.lobby(me.name(), rooms, selected, status, ui.cols(), ui.rows());
                case ROOM -> LobbyScreens.room(room, me.playerId(), chat, typing, status, ui.cols(), ui.rows());
                case GAME -> ArenaRenderer.render(lastView = gameTick(now), ui.cols(), ui.rows());
                case SCORE -> ScoreboardRenderer.render(lastView, ui.cols(), ui.rows(), "press any key to return to the room");
            });
            next += mode == Mode.GAME ? 16_666_667L : 50_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private ArenaView gameTick(long now) {
        if (game.lost() && !reconnecting) {
            reconnecting = true;
            Thread.ofVirtual().start(() -> {
                boolean back = game.reconnect(reconnectWindow);
                status = back ? "reconnected" : "could not reconnect to the game server";
                reconnecting = false;
                if (!back) {
                    mode = Mode.ROOM;
                }
            });
        }
        if (reconnecting) {
            return game.view(now, "connection lost - reconnecting...");
        }
        game.tick(held.buttons(now));
        ArenaView v = game.view(now, "arrows/a d move  w/space jump  j sword  k pistol  q quit");
        if (v.phase() == 2) {
            mode = Mode.SCORE;
            roomDirty = true;
        }
        return v;
    }

    /** Returns false to quit. */
    private boolean handleKey(int key) {
        try {
            switch (mode) {
                case LOBBY -> {
                    switch (key) {
                        case 'q', 'Q' -> {
                            return false;
                        }
                        case Keys.UP -> selected = Math.max(0, selected - 1);
                        case Keys.DOWN -> selected = Math.min(Math.max(0, rooms.size() - 1), selected + 1);
                        case 'r' -> roomsDirty = true;
                        case 'c' -> enterRoom(lobby.createRoom(cut(me.name() + "s-room", 32), 4, false));
                        default -> {
                            if (Keys.isEnter(key) && selected < rooms.size()) {
                                enterRoom(lobby.join(Json.s(rooms.get(selected), "id"), null));
                            }
                        }
                    }
                }
                case ROOM -> {
                    if (typing != null) {
                        return typeChat(key);
                    }
                    String id = Json.s(room, "id");
                    switch (key) {
                        case 'q', 'Q' -> {
                            lobby.leave(id);
                            ctx.config().withRoom(null).save(ctx.configFile());
                            return false;
                        }
                        case 'r' -> room = lobby.ready(id, !myReady());
                        case 's' -> room = lobby.start(id);
                        case 't' -> typing = "";
                        case 'l' -> {
                            lobby.leave(id);
                            leaveRoom();
                        }
                        default -> {
                            if (Keys.isEnter(key)) {
                                typing = "";
                            }
                        }
                    }
                }
                case GAME -> {
                    if (key == 'q' || key == 'Q') {
                        game.close();
                        game = null;
                        mode = Mode.ROOM;
                        status = "you left the match";
                    } else {
                        held.press(Keys.button(key), System.nanoTime());
                    }
                }
                case SCORE -> {
                    game.close();
                    game = null;
                    mode = Mode.ROOM;
                    roomDirty = true;
                }
            }
        } catch (LobbyException e) {
            status = "refused: " + e.getMessage();
        }
        return true;
    }

    private boolean typeChat(int key) {
        if (key == Keys.ESC) {
            typing = null;
        } else if (Keys.isEnter(key)) {
            if (!typing.isBlank()) {
                stomp.send("/app/rooms/" + Json.s(room, "id") + "/chat", LobbyClient.JSON.writeValueAsString(Map.of("text", typing)));
            }
            typing = null;
        } else if (Keys.isBackspace(key)) {
            typing = typing.isEmpty() ? "" : typing.substring(0, typing.length() - 1);
        } else if (key >= 32 && key < 0x1_0000 && typing.length() < 200) {
            typing += (char) key;
        }
        return true;
    }

    private boolean myReady() {
        for (JsonNode p : room.path("players")) {
            if (Json.s(p, "id").equals(me.playerId())) {
                return p.path("ready").asBoolean();
            }
        }
        return false;
    }

    private void enterRoom(JsonNode r) {
        room = r;
        String id = Json.s(r, "id");
        ctx.config().withRoom(id).save(ctx.configFile());
        chat.clear();
        List<String> history = new ArrayList<>();
        lobby.roomChat(id, 30).path("items").forEach(m -> history.add(0, Tables.chatLine(m)));
        chat.addAll(history);
        subscribeRoom(id);
        mode = Mode.ROOM;
        status = "";
    }

    private void subscribeRoom(String id) {
        roomSubscriptions.add(stomp.subscribe("/topic/rooms/" + id, f -> {
            JsonNode e = LobbyClient.JSON.readTree(f.body());
            String type = Json.s(e, "type");
            if (!Json.s(e, "reason").isEmpty()) {
                status = type.toLowerCase() + ": " + Json.s(e, "reason");
            } else if (type.equals("COUNTDOWN")) {
                status = "match starts in " + Json.s(e, "seconds") + " s";
            }
            roomDirty = true;
        }));
        roomSubscriptions.add(stomp.subscribe("/topic/rooms/" + id + "/chat",
                f -> chat.add(Tables.chatLine(LobbyClient.JSON.readTree(f.body())))));
    }

    private void leaveRoom() {
        roomSubscriptions.forEach(stomp::unsubscribe);
        roomSubscriptions.clear();
        room = null;
        ctx.config().withRoom(null).save(ctx.configFile());
        mode = Mode.LOBBY;
        roomsDirty = true;
    }

    private void refresh() {
        try {
            if (roomsDirty && mode == Mode.LOBBY) {
                roomsDirty = false;
                List<JsonNode> list = new ArrayList<>();
                lobby.rooms(null, 0, 50).path("items").forEach(list::add);
                rooms = list;
                selected = Math.min(selected, Math.max(0, rooms.size() - 1));
            }
            if (roomDirty && room != null && mode != Mode.GAME) {
                roomDirty = false;
                room = lobby.room(Json.s(room, "id"));
            }
            JsonNode a = assignments.poll();
            if (a != null && room != null && mode != Mode.GAME) {
                List<String> names = new ArrayList<>();
                room.path("players").forEach(p -> names.add(Json.s(p, "name")));
                status = "connecting to the game server " + Json.s(a, "host") + ":" + Json.s(a, "port") + " ...";
                game = GameSession.connect(Json.s(a, "token"), names, Duration.ofSeconds(10));
                held.releaseAll();
                mode = Mode.GAME;
                status = "";
            }
        } catch (LobbyException e) {
            status = "lobby: " + e.getMessage();
        } catch (RuntimeException e) {
            status = "error: " + e.getMessage();
        }
    }

    /**
     * Keeps the lobby link alive: the token is refreshed before it expires and the socket moved to the new one; a
     * dropped socket (also one the lobby closed with TOKEN_EXPIRED) is announced and reopened, and the lobby keeps
     * our seat for its reconnect window meanwhile.
     */
    private void checkLobbyLink() {
        if (reconnecting || System.nanoTime() - lastLobbyRetry < 2_000_000_000L) {
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
                roomDirty = true;
                roomsDirty = true;
            }
        } catch (LobbyException e) {
            lastLobbyRetry = System.nanoTime();
            status = "lobby: " + e.getMessage();
        } catch (StompException e) {
            lastLobbyRetry = System.nanoTime();
            status = "lobby unreachable: " + e.getMessage() + " (retrying)";
        }
    }

    /** The live game connection (null outside a match); tests cut it to see {@code play} recover. */
    GameSession currentGame() {
        return game;
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }
}
