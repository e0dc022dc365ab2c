package dev.skirmish.cli.play;

import dev.skirmish.cli.config.CliConfig;
import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.lobby.LobbyException;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.shell.UsageException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;

/**
 * The interactive client: lobby browser with live updates ({@link LobbyScreen}), room view with chat
 * ({@link RoomScreen}), the arena at 60 Hz with prediction ({@link GameScreen}), the scoreboard
 * ({@link ScoreScreen}), and back to the room. Lobby pushes (STOMP) only mark what to refresh; the loop does the work.
 */
@Command(name = "play", description = "Full-screen terminal client: browse rooms, chat, play.")
public final class PlayCommand implements Callable<Integer> {
    private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(30);
    private final Context ctx;
    private final Duration reconnectWindow;
    private volatile Play play;

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
        CliConfig me = ctx.config();
        if (!me.loggedIn()) {
            throw new UsageException("not logged in: run `skirmish login --name <name>` first");
        }
        LobbyClient lobby = new LobbyClient(me.lobby(), me.token());
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
        Play p = new Play(ctx, me, lobby, reconnectWindow);
        play = p;
        try (Ui ui = terminal.open()) {
            p.connect();
            if (me.roomId() != null) {
                try {
                    p.roomScreen().enter(lobby.room(me.roomId()));
                } catch (LobbyException e) {
                    p.status("your last room is gone: " + e.getMessage());
                }
            }
            loop(ui, p);
        } finally {
            p.close();
        }
        if (p.finished() != null) {
            // after the full screen is gone, so the reason stays readable in the terminal
            ctx.out().println(p.finished());
            ctx.out().flush();
        }
        return 0;
    }

    private static void loop(Ui ui, Play p) {
        long next = System.nanoTime();
        while (true) {
            if (p.finished() != null) {
                return;
            }
            int key;
            while ((key = ui.poll()) != -1) {
                if (!p.key(key)) {
                    return;
                }
            }
            p.checkLobbyLink();
            p.refresh();
            ui.draw(p.draw(System.nanoTime(), ui.cols(), ui.rows()));
            next += p.frameNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** The live game connection (null outside a match); tests cut it to see {@code play} recover. */
    GameSession currentGame() {
        Play p = play;
        return p == null ? null : p.gameScreen().session();
    }
}
