package dev.skirmish.cli.text;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Makes text from the network safe to print: every character that would steer the terminal instead of being shown
 * becomes a visible escape, {@code \u009b} (beyond the BMP {@code \U000e0001}). That is Unicode {@code Cc} (C0, DEL
 * and C1: ESC starts ESC[2J, U+009B is the same CSI in one character), {@code Cf} (bidi controls such as U+202E that
 * reorder the line, zero-width characters that hide text), line and paragraph separators, lone surrogates and the
 * Hangul fillers, the same set the lobby refuses or strips. A hostile or compromised lobby, orchestrator or game
 * server can still send them; this is the client's own line of defense.
 *
 * <p>Every printing path goes through here: {@link #escape} for one-line fields (names, room names, chat, reasons),
 * {@link #escapeLines} and {@link #writer} for whole outputs, which keep their line breaks.
 */
public final class Printable {
    private Printable() {
    }

    /** True for a code point that must not reach the terminal as it is. */
    public static boolean hidden(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
        };
    }

    /** One line: every hidden character escaped, line breaks and tabs included. Null prints as nothing. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** Several lines: as {@link #escape}, but {@code \n} and {@code \t} stay (a stack trace, a summary). */
    public static String escapeLines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean kept = keepLines && (cp == '\n' || cp == '\t');
            if (hidden(cp) && !kept) {
                if (sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                appendEscape(sb, cp);
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? text : sb.toString();
    }

    /** {@code text} without its hidden characters: what the lobby keeps of a chat line (it strips the same set). */
    public static String strip(String text) {
        if (text == null) return "";
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !hidden(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    static void appendEscape(StringBuilder sb, int cp) {
        sb.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
    }

    /**
     * A writer that escapes whatever passes through it, keeping {@code \n} (and {@code \r} where the platform's line
     * separator has one), so that a command can print with println and nothing from the network reaches the terminal raw.
     */
    public static PrintWriter writer(Writer target) {
        return new PrintWriter(new EscapingWriter(target), true);
    }

    /** Escapes per code point; a surrogate pair may arrive split across two writes, so its first half waits. */
    static final class EscapingWriter extends Writer {
        private static final boolean CR_LINES = System.lineSeparator().indexOf('\r') >= 0;
        private final Writer out;
        private char pendingHigh;

        EscapingWriter(Writer out) {
            super(out);
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws java.io.IOException {
            StringBuilder sb = new StringBuilder(len + 16);
            synchronized (lock) {
                for (int i = off; i < off + len; i++) {
                    char c = buf[i];
                    if (pendingHigh != 0) {
                        char high = pendingHigh;
                        pendingHigh = 0;
                        if (Character.isLowSurrogate(c)) {
                            emit(sb, Character.toCodePoint(high, c));
                            continue;
                        }
                        appendEscape(sb, high);
                    }
                    if (Character.isHighSurrogate(c)) {
                        pendingHigh = c;
                    } else {
                        emit(sb, c);
                    }
                }
                out.write(sb.toString());
            }
        }

        private static void emit(StringBuilder sb, int cp) {
            if (hidden(cp) && cp != '\n' && !(CR_LINES && cp == '\r')) {
                appendEscape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            synchronized (lock) {
                if (pendingHigh != 0) {
                    StringBuilder sb = new StringBuilder();
                    appendEscape(sb, pendingHigh);
                    pendingHigh = 0;
                    out.write(sb.toString());
                }
            }
            out.close();
        }
    }
}
