package dev.skirmish.cli.play;

import dev.skirmish.cli.render.Screen;

/**
 * One of {@code play}'s screens: what a key does there, what it reloads from the lobby and what it draws. The
 * screens run on {@code play}'s loop thread only; lobby pushes reach them as "reload" marks.
 */
interface PlayScreen {
    /** Handles one key; false to quit. A lobby refusal is thrown and lands on the status line. */
    boolean key(int key);

    /** Reloads what a lobby push marked stale; called once a frame while this screen shows. */
    default void refresh() {
    }

    Screen draw(long now, int cols, int rows);

    /** The frame period: the lobby screens need no more than 20 frames a second, the arena runs at 60. */
    default long frameNanos() {
        return 50_000_000L;
    }
}
