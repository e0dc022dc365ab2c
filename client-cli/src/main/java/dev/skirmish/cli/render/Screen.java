package dev.skirmish.cli.render;

import dev.skirmish.cli.text.Printable;
import java.util.Arrays;

/** A grid of characters: what the terminal shows, built by pure renderers and easy to assert on. */
public final class Screen {
    private final int cols;
    private final int rows;
    private final char[][] cells;

    public Screen(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
            throw new IllegalArgumentException("screen size " + cols + "x" + rows);
        }
        this.cols = cols;
        this.rows = rows;
        this.cells = new char[rows][cols];
        for (char[] r : cells) {
            Arrays.fill(r, ' ');
        }
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public char at(int col, int row) {
        return cells[row][col];
    }

    /** Writes one character; outside the screen it is clipped; one that would steer the terminal shows as '?'. */
    public void put(int col, int row, char c) {
        if (col >= 0 && col < cols && row >= 0 && row < rows) {
            cells[row][col] = Printable.hidden(c) && !Character.isSurrogate(c) ? '?' : c;
        }
    }

    /**
     * Writes text from (col, row) to the right, clipped at the edges. Hidden characters (names, chat and reasons come
     * from the network) become visible escapes first: the play screens print every cell as it is.
     */
    public void text(int col, int row, String s) {
        String shown = Printable.escape(s);
        for (int i = 0; i < shown.length(); i++) {
            put(col + i, row, shown.charAt(i));
        }
    }

    public String line(int row) {
        return new String(cells[row]);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sb.append(line(r).stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
