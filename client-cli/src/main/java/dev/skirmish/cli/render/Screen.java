package dev.skirmish.cli.render;

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

    /** Writes one character; outside the screen it is clipped. */
    public void put(int col, int row, char c) {
        if (col >= 0 && col < cols && row >= 0 && row < rows) {
            cells[row][col] = c;
        }
    }

    /** Writes text from (col, row) to the right, clipped at the edges. */
    public void text(int col, int row, String s) {
        for (int i = 0; i < s.length(); i++) {
            put(col + i, row, s.charAt(i));
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
