package dev.skirmish.cli.commands;

import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.render.Tables;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.shell.UsageException;
import dev.skirmish.cli.stomp.StompClient;
import dev.skirmish.cli.stomp.StompFrame;
import dev.skirmish.cli.text.Printable;
import dev.skirmish.cli.text.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The scripted lobby commands: one REST call (or one STOMP send) each, output for people or scripts. */
public final class LobbyCommands {
    private LobbyCommands() {
    }

    @Command(name = "login", description = "Sign in as a guest and remember the token for the other commands.")
    public static final class Login extends Base {
        @Option(names = "--name", required = true, description = "player name: 3-16 letters, digits, '_' or '-'")
        String name;
        @Option(names = "--lobby", description = "lobby URL (default: the stored one, else ${DEFAULT-VALUE})")
        String lobbyUrl;

        public Login(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String url = lobbyUrl != null ? lobbyUrl : config().lobby();
            JsonNode s = new LobbyClient(url, null).guest(name);
            new CliConfig(url, Json.s(s, "id"), Json.s(s, "name"), Json.s(s, "token"), null).save(ctx.configFile());
            ctx.out().println("logged in as " + Json.shown(s, "name") + " (" + Json.shown(s, "id") + ") on " + url);
            return 0;
        }
    }

    @Command(name = "rooms", description = "List rooms.")
    public static final class Rooms extends Base {
        @Option(names = "--state", description = "OPEN, STARTING or IN_GAME")
        String state;
        @Option(names = "--json", description = "print the lobby's JSON items instead of a table")
        boolean json;

        public Rooms(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (state != null && !List.of("OPEN", "STARTING", "IN_GAME").contains(state.toUpperCase())) {
                throw new UsageException("--state must be OPEN, STARTING or IN_GAME");
            }
            JsonNode page = lobby().rooms(state == null ? null : state.toUpperCase(), 0, 100);
            if (json) {
                ctx.out().println(Json.ascii(page.path("items")));
            } else if (page.path("items").isEmpty()) {
                ctx.out().println("no rooms" + (state == null ? "" : " in state " + state.toUpperCase()));
            } else {
                ctx.out().print(Tables.table(List.of("ID", "NAME", "OWNER", "PLAYERS", "STATE", "PRIVATE"),
                        Tables.roomRows(page.path("items"))));
            }
            return 0;
        }
    }

    @Command(name = "create", description = "Create a room and sit in it.")
    public static final class Create extends Base {
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--capacity", defaultValue = "4", description = "2-8 (default ${DEFAULT-VALUE})")
        int capacity;
        @Option(names = "--private", description = "only joinable with the join code")
        boolean isPrivate;

        public Create(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            JsonNode room = lobby().createRoom(name, capacity, isPrivate);
            remember(Json.s(room, "id"));
            ctx.out().println("created " + Tables.roomSummary(room));
            return 0;
        }
    }

    @Command(name = "join", description = "Join a room by id (with --code for a private one).")
    public static final class Join extends Base {
        @Parameters(index = "0", arity = "0..1", description = "room id (may be omitted with --code)")
        String room;
        @Option(names = "--code", description = "join code of a private room")
        String code;

        public Join(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (room == null && code == null) {
                throw new UsageException("give a room id, or --code for a private room");
            }
            JsonNode r = room == null ? lobby().joinByCode(code) : lobby().join(room, code);
            remember(Json.s(r, "id"));
            ctx.out().println("joined " + Tables.roomSummary(r));
            return 0;
        }
    }

    @Command(name = "leave", description = "Leave the current room.")
    public static final class Leave extends Base {
        public Leave(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String room = currentRoom();
            lobby().leave(room);
            remember(null);
            ctx.out().println("left room " + room);
            return 0;
        }
    }

    @Command(name = "ready", description = "Say you are ready (or not, with --not) in the current room.")
    public static final class Ready extends Base {
        @Option(names = "--not", description = "take the ready flag back")
        boolean not;

        public Ready(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            JsonNode r = lobby().ready(currentRoom(), !not);
            ctx.out().println((not ? "not ready: " : "ready: ") + Tables.roomSummary(r));
            return 0;
        }
    }

    @Command(name = "start", description = "Start the match countdown (room owner; everyone ready).")
    public static final class Start extends Base {
        public Start(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            JsonNode r = lobby().start(currentRoom());
            ctx.out().println("starting: " + Tables.roomSummary(r));
            return 0;
        }
    }

    @Command(name = "chat", description = "Say something in the current room (or the lobby when not in a room).")
    public static final class Chat extends Base {
        @Parameters(index = "0", description = "the message")
        String text;
        @Option(names = "--lobby-channel", description = "send to the lobby chat even when in a room")
        boolean lobbyChannel;

        public Chat(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() throws Exception {
            LobbyClient lobby = lobby();
            String room = lobbyChannel ? null : config().roomId();
            String topic = room == null ? "/topic/lobby/chat" : "/topic/rooms/" + room + "/chat";
            String app = room == null ? "/app/lobby/chat" : "/app/rooms/" + room + "/chat";
            String me = config().playerId();
            CompletableFuture<String> outcome = new CompletableFuture<>();
            try (StompClient stomp = StompClient.connect(lobby.webSocketUri(), lobby.token(), Duration.ofSeconds(10))) {
                stomp.onError(f -> outcome.completeExceptionally(new UsageException("refused: " + f.header("message"))));
                // our own message coming back on the topic is the confirmation that it was accepted and stored
                stomp.subscribe(topic, f -> {
                    JsonNode m = LobbyClient.JSON.readTree(f.body());
                    // the lobby strips hidden characters (an emoji's zero-width joiner too): compare what it keeps
                    if (me.equals(Json.s(m, "playerId")) && Printable.strip(text).strip().equals(Printable.strip(Json.s(m, "text")).strip())) {
                        outcome.complete(Tables.chatLine(m));
                    }
                });
                stomp.subscribe("/user/queue/errors", f -> {
                    JsonNode e = LobbyClient.JSON.readTree(f.body());
                    outcome.completeExceptionally(new dev.skirmish.cli.lobby.LobbyException(400, Json.s(e, "code"), Json.s(e, "message")));
                });
                stomp.send(app, LobbyClient.JSON.writeValueAsString(Map.of("text", text)));
                try {
                    ctx.out().println(outcome.get(10, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                } catch (TimeoutException e) {
                    throw new dev.skirmish.cli.lobby.LobbyException(0, "TIMEOUT", "the lobby did not confirm the message within 10 s");
                }
            }
            return 0;
        }
    }

    @Command(name = "history", description = "Show a room's chat history (members only).")
    public static final class History extends Base {
        @Parameters(index = "0", arity = "0..1", description = "room id (default: the current room)")
        String room;
        @Option(names = "--size", defaultValue = "50", description = "newest N messages (default ${DEFAULT-VALUE})")
        int size;

        public History(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            JsonNode page = lobby().roomChat(room != null ? room : currentRoom(), size);
            List<JsonNode> lines = new ArrayList<>();
            page.path("items").forEach(lines::add);
            // the lobby answers newest first; a transcript reads oldest first
            for (int i = lines.size() - 1; i >= 0; i--) {
                ctx.out().println(Tables.chatLine(lines.get(i)));
            }
            if (lines.isEmpty()) {
                ctx.out().println("no messages");
            }
            return 0;
        }
    }

    @Command(name = "matches", description = "Match history of a player (default: you).")
    public static final class Matches extends Base {
        @Option(names = "--player", description = "player name or id")
        String player;
        @Option(names = "--json", description = "print the lobby's JSON items")
        boolean json;

        public Matches(Context ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String who = player != null ? player : config().name();
            JsonNode page = lobby().matches(who, 20);
            if (json) {
                ctx.out().println(Json.ascii(page.path("items")));
            } else if (page.path("items").isEmpty()) {
                ctx.out().println("no matches for " + who);
            } else {
                ctx.out().print(Tables.table(List.of("ID", "ROOM", "STARTED", "STATE", "WINNER", "PLAYERS (kills/deaths)"),
                        Tables.matchRows(page.path("items"))));
            }
            return 0;
        }
    }
}
