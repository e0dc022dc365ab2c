package dev.skirmish.cli.play;

import dev.skirmish.cli.render.Screen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

/** The full-screen terminal: raw keys decoded on a virtual thread, screens drawn with JLine's diffing display. */
final class TerminalUi implements Ui {
    private final Terminal terminal;
    private final Attributes saved;
    private final Display display;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closed;

    TerminalUi() throws IOException {
        terminal = TerminalBuilder.builder().system(true).build();
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            terminal.close();
            throw new IllegalArgumentException("play needs an interactive terminal (this one is '" + terminal.getType() + "')");
        }
        saved = terminal.enterRawMode();
        terminal.puts(InfoCmp.Capability.enter_ca_mode);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        terminal.flush();
        display = new Display(terminal, true);
        reader = Thread.ofVirtual().name("keys").start(this::readKeys);
    }

    @Override
    public int cols() {
        return Math.max(40, terminal.getWidth());
    }

    @Override
    public int rows() {
        return Math.max(12, terminal.getHeight());
    }

    /** Next decoded key, or -1 if none is waiting. */
    @Override
    public int poll() {
        Integer k = keys.poll();
        return k == null ? -1 : k;
    }

    @Override
    public void draw(Screen s) {
        display.resize(s.rows(), s.cols());
        List<AttributedString> lines = new ArrayList<>(s.rows());
        for (int r = 0; r < s.rows(); r++) {
            lines.add(new AttributedString(s.line(r)));
        }
        display.update(lines, 0);
        terminal.flush();
    }

    private void readKeys() {
        NonBlockingReader in = terminal.reader();
        try {
            while (!closed) {
                int c = in.read(100);
                if (c == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                if (c < 0) {
                    break;
                }
                if (c == Keys.ESC) {
                    int n = in.read(20);
                    if (n == '[' || n == 'O') {
                        int code = in.read(20);
                        keys.add(switch (code) {
                            case 'A' -> Keys.UP;
                            case 'B' -> Keys.DOWN;
                            case 'C' -> Keys.RIGHT;
                            case 'D' -> Keys.LEFT;
                            default -> Keys.ESC;
                        });
                        continue;
                    }
                    keys.add(Keys.ESC);
                    if (n >= 0) {
                        keys.add(n);
                    }
                    continue;
                }
                keys.add(c);
            }
        } catch (IOException e) {
            // the terminal went away: the game loop notices nothing more comes
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        terminal.puts(InfoCmp.Capability.cursor_visible);
        terminal.puts(InfoCmp.Capability.exit_ca_mode);
        terminal.setAttributes(saved);
        terminal.flush();
        terminal.close();
    }
}
