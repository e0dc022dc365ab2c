package dev.skirmish.cli.text;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON from and to the terminal: fields read as the lobby sent them ({@link #s}) or made safe to print
 * ({@link #shown}), and machine output that carries no raw hidden character ({@link #ascii}).
 */
public final class Json {
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Json() {
    }

    /** Machine output: JSON with everything outside ASCII as a JSON escape, so no raw hidden character is printed. */
    public static String ascii(Object value) {
        return ASCII_JSON.writeValueAsString(value);
    }

    /** As {@link #ascii}, indented: for files a person may {@code cat} to a terminal. */
    public static String asciiPretty(Object value) {
        return ASCII_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** The field as the lobby sent it: for ids, tokens and comparisons, never for printing (that is {@link #shown}). */
    public static String s(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    /** The field made safe to print: hidden characters escaped ({@link Printable}). */
    public static String shown(JsonNode n, String field) {
        return Printable.escape(s(n, field));
    }

    /** ISO-8601 text (the lobby's format) or epoch seconds; null when absent or unreadable. */
    public static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli((long) (v.asDouble() * 1000));
        }
        try {
            return Instant.parse(v.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
