package dev.skirmish.cli.play;

import dev.skirmish.cli.render.Screen;

/** Where {@code play} reads keys and draws: the real terminal ({@link TerminalUi}) or, in tests, a virtual screen. */
interface Ui extends AutoCloseable {
    /** Next decoded key ({@link Keys}), or -1 if none is waiting. */
    int poll();

    void draw(Screen s);

    int cols();

    int rows();

    @Override
    void close() throws java.io.IOException;
}
