package dev.skirmish.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skirmish.cli.LobbyFixture;
import dev.skirmish.cli.LobbyFixture.Result;
import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.render.LobbyScreens;
import dev.skirmish.cli.render.Screen;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The attack: a hostile lobby (or a player whose text got past it) sends ESC[2J, the 8-bit CSI U+009B and a bidi
 * override U+202E in names, room names, chat, match results and error messages, to clear, recolour or reorder the
 * terminal of whoever runs the CLI. A crafted lobby on loopback answers every call with such text; whatever the
 * scripted commands, the play screens and the log print holds no raw control, bidi or zero-width character, and
 * shows each as a visible escape instead.
 */
class HostileLobbyTerminalEscapeTest {
    static final String EVIL = "\u001b[2J\u009b2J\u202Eexe.gnp\u200B\u2066\u0085";

    HttpServer lobby;
    String url;
    @TempDir
    Path me;

    @BeforeEach
    void craftedLobby() throws IOException {
        lobby = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lobby.createContext("/", this::answer);
        lobby.start();
        url = "http://127.0.0.1:" + lobby.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        lobby.stop(0);
    }

    static Map<String, Object> room() {
        return Map.of("id", "r1" + EVIL, "name", "room" + EVIL, "owner", "eve" + EVIL, "ownerId", "p2", "capacity", 4,
                "state", "OPEN" + EVIL, "private", true, "code", "K7" + EVIL,
                "players", List.of(Map.of("id", "p2", "name", "eve" + EVIL, "ready", true)));
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        int status = 200;
        Object body;
        if (path.equals("/api/players/guest")) {
            body = Map.of("id", "p1" + EVIL, "name", "mallory" + EVIL, "token", "t1", "expiresAt", "2030-01-01T00:00:00Z");
            status = 201;
        } else if (path.equals("/api/rooms") && x.getRequestMethod().equals("GET")) {
            body = Map.of("items", List.of(room()), "page", 0, "size", 100, "totalItems", 1, "totalPages", 1);
        } else if (path.equals("/api/rooms")) {
            body = room();
            status = 201;
        } else if (path.endsWith("/chat")) {
            body = Map.of("items", List.of(Map.of("id", 1, "channel", "r1", "playerId", "p2", "name", "eve" + EVIL,
                    "text", "hi" + EVIL, "sentAt", "2026-12-05T00:00:00Z")));
        } else if (path.equals("/api/matches")) {
            body = Map.of("items", List.of(Map.of("id", "m1" + EVIL, "roomName", "room" + EVIL, "state", "ENDED" + EVIL,
                    "startedAt", "2026-12-05T00:00:00Z", "endedAt", "2026-12-05T00:01:00Z", "endReason", "MATCH_END" + EVIL,
                    "winner", "eve" + EVIL, "players", List.of(Map.of("playerId", "p2", "name", "eve" + EVIL, "kills", 1, "deaths", 0)))));
        } else {
            status = 409;
            body = Map.of("status", 409, "code", "ROOM_FULL" + EVIL, "detail", "the room is full" + EVIL);
        }
        byte[] bytes = LobbyClient.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void scriptedCommandsPrintNoRawControlOrBidiCharacter() {
        Result login = LobbyFixture.cli(me, "login", "--name", "mallory", "--lobby", url);
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.out()).contains("logged in as mallory\\u001b[2J\\u009b2J\\u202eexe.gnp\\u200b\\u2066\\u0085");
        // the stored name and id stay what the lobby sent: only printing escapes
        assertThat(CliConfig.load(me.resolve("cli.json")).name()).isEqualTo("mallory" + EVIL);

        for (String[] cmd : new String[][] {{"rooms"}, {"rooms", "--json"}, {"create", "--name", "x"}, {"history", "r1"},
                {"matches"}, {"matches", "--json"}, {"join", "r9"}}) {
            Result r = LobbyFixture.cli(me, cmd);
            assertPrintable(String.join(" ", cmd), r.out());
            assertPrintable(String.join(" ", cmd), r.err());
            assertThat(r.out() + r.err()).as(String.join(" ", cmd)).containsIgnoringCase("\\u202e");
        }
        Result refused = LobbyFixture.cli(me, "join", "r9");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("the room is full\\u001b[2J\\u009b2J\\u202e").contains("ROOM_FULL\\u001b");
        // machine output is still JSON with the same strings in it
        JsonNode items = LobbyClient.JSON.readTree(LobbyFixture.cli(me, "rooms", "--json").out());
        assertThat(items.get(0).get("name").asString()).isEqualTo("room" + EVIL);
    }

    @Test
    void thePlayScreensShowNoRawControlOrBidiCharacter() {
        JsonNode room = LobbyClient.JSON.valueToTree(room());
        Screen lobbyScreen = LobbyScreens.lobby("mallory" + EVIL, List.of(room), 0, "lobby: " + EVIL, 120, 20);
        Screen roomScreen = LobbyScreens.room(room, "p1", List.of("[00:00:00] eve: hi" + EVIL), "typed" + EVIL, "refused: " + EVIL, 120, 20);
        for (Screen s : List.of(lobbyScreen, roomScreen)) {
            for (int r = 0; r < s.rows(); r++) {
                assertPrintable("screen row " + r, s.line(r));
            }
        }
        assertThat(roomScreen.toString()).contains("ROOM room\\u001b[2J\\u009b2J\\u202e");
        Screen raw = new Screen(10, 1);
        raw.put(0, 0, '\u009b');
        raw.put(1, 0, '\u202E');
        assertThat(raw.line(0)).startsWith("??");
    }

    @Test
    void theLogPrintsNoRawControlOrBidiCharacter() throws Exception {
        // the CLI's own logback.xml (the bots log what the lobby answered through it), not the tests' one
        LoggerContext context = new LoggerContext();
        JoranConfigurator config = new JoranConfigurator();
        config.setContext(context);
        config.doConfigure(getClass().getClassLoader().getResources("logback.xml").asIterator().next());
        var appender = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) context.getLogger("ROOT").getAppender("ERR");
        var event = new LoggingEvent("x", context.getLogger("bot"), Level.WARN, "bot {} stopped: {}",
                new IllegalStateException("lobby said " + EVIL), new Object[] {"b1", "refused" + EVIL});
        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).contains("bot b1 stopped: refused\\u001b[2J\\u009b2J\\u202e").contains("lobby said \\u001b[2J");
        assertPrintable("log line", line.replace("\t", ""));
        context.stop();
    }

    /** No control, bidi or zero-width character but the line breaks. */
    static void assertPrintable(String what, String printed) {
        printed.codePoints().forEach(cp -> assertThat(Printable.hidden(cp) && cp != '\n')
                .as("%s prints U+%04X raw: %s", what, cp, printed).isFalse());
    }
}
