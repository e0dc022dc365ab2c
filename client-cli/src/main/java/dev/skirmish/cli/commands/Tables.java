package dev.skirmish.cli.commands;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import dev.skirmish.cli.text.Printable;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain-text tables and one-line summaries of lobby JSON, for people reading a terminal. */
public final class Tables {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Tables() {
    }

    /** Machine output: JSON with everything outside ASCII as a JSON escape, so no raw hidden character is printed. */
    public static String json(Object value) {
        return ASCII_JSON.writeValueAsString(value);
    }

    /** As {@link #json}, indented: for files a person may {@code cat} to a terminal. */
    public static String prettyJson(Object value) {
        return ASCII_JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    /** Columns padded to their widest cell; cells are escaped here too, so widths count what is printed. */
    public static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        for (List<String> r : rows) {
            all.add(r.stream().map(Printable::escape).toList());
        }
        for (List<String> r : all) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                line.append(String.format("%-" + w[i] + "s", r.get(i)));
                if (i < w.length - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
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
    static Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return Instant.ofEpochMilli((long) (v.asDouble() * 1000));
        }
        try {
            return Instant.parse(v.asString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    public static List<List<String>> roomRows(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : items) {
            rows.add(List.of(shown(r, "id"), shown(r, "name"), shown(r, "owner"), r.path("players").size() + "/" + shown(r, "capacity"),
                    shown(r, "state"), r.path("private").asBoolean() ? "yes" : "no"));
        }
        return rows;
    }

    public static String roomSummary(JsonNode r) {
        StringJoiner members = new StringJoiner(", ");
        for (JsonNode p : r.path("players")) {
            members.add(shown(p, "name") + (p.path("ready").asBoolean() ? " (ready)" : ""));
        }
        String code = shown(r, "code");
        return "room " + shown(r, "name") + " [" + shown(r, "id") + "] " + shown(r, "state") + ", owner " + shown(r, "owner") + ", "
                + r.path("players").size() + "/" + shown(r, "capacity") + ": " + members
                + (code.isEmpty() ? "" : "\njoin code: " + code);
    }

    public static String chatLine(JsonNode m) {
        Instant at = instant(m.get("sentAt"));
        String clock = at == null ? "--:--:--" : CLOCK.format(at);
        return "[" + clock + "] " + shown(m, "name") + ": " + shown(m, "text");
    }

    public static List<List<String>> matchRows(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : items) {
            StringJoiner scores = new StringJoiner(", ");
            for (JsonNode p : m.path("players")) {
                scores.add(shown(p, "name") + (p.path("kills").isNull() || p.path("kills").isMissingNode() ? ""
                        : " " + shown(p, "kills") + "/" + shown(p, "deaths")));
            }
            Instant started = instant(m.get("startedAt"));
            rows.add(List.of(shown(m, "id"), shown(m, "roomName"), started == null ? "" : DATE.format(started),
                    shown(m, "state"), shown(m, "winner").isEmpty() ? "-" : shown(m, "winner"), scores.toString()));
        }
        return rows;
    }
}
