package dev.skirmish.cli.play;

import dev.skirmish.cli.game.GameSession;
import dev.skirmish.cli.game.HeldKeys;
import dev.skirmish.cli.render.ArenaRenderer;
import dev.skirmish.cli.render.ArenaView;
import dev.skirmish.cli.render.Screen;
import java.time.Duration;

/**
 * The arena at 60 Hz with prediction. A lost game connection is retried with the same token on a virtual thread
 * for the reconnect window, the arena saying so meanwhile; the end of the match shows the scoreboard.
 */
final class GameScreen implements PlayScreen {
    /** What {@code play} shows and prints when the server disconnected or refused us with KICKED. */
    static final String KICKED = "kicked by an operator";
    private final Play play;
    private final Duration reconnectWindow;
    private final HeldKeys held = new HeldKeys();
    private volatile GameSession session;
    private volatile boolean reconnecting;
    private ArenaView lastView;

    GameScreen(Play play, Duration reconnectWindow) {
        this.play = play;
        this.reconnectWindow = reconnectWindow;
    }

    /** Shows the arena of the match {@code s} just joined. */
    void begin(GameSession s) {
        session = s;
        held.releaseAll();
        play.show(this);
    }

    /** Closes the game connection; the match goes on without us. */
    void end() {
        session.close();
        session = null;
    }

    /** How long a lost or refused game connection is tried again. */
    Duration reconnectWindow() {
        return reconnectWindow;
    }

    /** The live game connection, null outside a match. */
    GameSession session() {
        return session;
    }

    /** True while the game connection is retried; play's loop leaves the lobby link alone meanwhile. */
    boolean reconnecting() {
        return reconnecting;
    }

    /** The last frame drawn: the scoreboard shows it. */
    ArenaView lastView() {
        return lastView;
    }

    @Override
    public boolean key(int key) {
        if (key == 'q' || key == 'Q') {
            end();
            play.show(play.roomScreen());
            play.status("you left the match");
        } else {
            held.press(Keys.button(key), System.nanoTime());
        }
        return true;
    }

    @Override
    public Screen draw(long now, int cols, int rows) {
        return ArenaRenderer.render(lastView = tick(now), cols, rows);
    }

    @Override
    public long frameNanos() {
        return 16_666_667L;
    }

    void close() {
        GameSession s = session;
        if (s != null) {
            s.close();
        }
    }

    private ArenaView tick(long now) {
        GameSession game = session;
        if (game.lost() && game.kicked()) {
            play.finish(KICKED);
            return game.view(now, KICKED);
        }
        if (game.lost() && !reconnecting) {
            reconnecting = true;
            Thread.ofVirtual().start(() -> {
                boolean back = game.reconnect(reconnectWindow);
                play.status(back ? "reconnected" : "could not reconnect to the game server");
                reconnecting = false;
                if (game.kicked()) {
                    play.finish(KICKED);
                } else if (!back) {
                    play.show(play.roomScreen());
                }
            });
        }
        if (reconnecting) {
            return game.view(now, "connection lost - reconnecting...");
        }
        game.tick(held.buttons(now));
        ArenaView v = game.view(now, "arrows/a d move  w/space jump  j sword  k pistol  q quit");
        if (v.phase() == 2) {
            play.show(play.scoreScreen());
            play.roomScreen().markDirty();
        }
        return v;
    }
}
