package dev.skirmish.gameserver.report;

import java.util.Locale;

/** The few JSON bits the server writes and reads; a JSON library would cost startup time for five flat bodies. */
public final class Json {
    private Json() {
    }

    public static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    public static String number(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
