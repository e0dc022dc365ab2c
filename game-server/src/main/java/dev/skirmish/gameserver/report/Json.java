package dev.skirmish.gameserver.report;

import java.util.Locale;

/**
 * The few JSON bits the server writes: four flat bodies built by hand, so the cold path to READY loads no JSON
 * library (the one body it reads, the allocation, goes through {@link AllocationJson}).
 */
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
