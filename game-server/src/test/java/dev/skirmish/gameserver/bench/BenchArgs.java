package dev.skirmish.gameserver.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's {@code name=value} arguments; a bad one stops the run before it starts. */
public record BenchArgs(Map<String, String> values) {

    public static BenchArgs parse(String[] argv) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are name=value, got '" + a + "'");
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return new BenchArgs(Map.copyOf(values));
    }

    public int intOr(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    public String stringOr(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public Path pathOr(String name, String fallback) {
        return Path.of(stringOr(name, fallback));
    }
}
