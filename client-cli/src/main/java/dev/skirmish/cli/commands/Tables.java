package dev.skirmish.cli.commands;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/** Plain-text tables and one-line summaries of lobby JSON, for people reading a terminal. */
public final class Tables {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Tables() {
    }

    public static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
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

    public static String s(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
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
            rows.add(List.of(s(r, "id"), s(r, "name"), s(r, "owner"), r.path("players").size() + "/" + s(r, "capacity"),
                    s(r, "state"), r.path("private").asBoolean() ? "yes" : "no"));
        }
        return rows;
    }

    public static String roomSummary(JsonNode r) {
        StringJoiner members = new StringJoiner(", ");
        for (JsonNode p : r.path("players")) {
            members.add(s(p, "name") + (p.path("ready").asBoolean() ? " (ready)" : ""));
        }
        String code = s(r, "code");
        return "room " + s(r, "name") + " [" + s(r, "id") + "] " + s(r, "state") + ", owner " + s(r, "owner") + ", "
                + r.path("players").size() + "/" + s(r, "capacity") + ": " + members
                + (code.isEmpty() ? "" : "\njoin code: " + code);
    }

    public static String chatLine(JsonNode m) {
        Instant at = instant(m.get("sentAt"));
        String clock = at == null ? "--:--:--" : CLOCK.format(at);
        return "[" + clock + "] " + s(m, "name") + ": " + s(m, "text");
    }

    public static List<List<String>> matchRows(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : items) {
            StringJoiner scores = new StringJoiner(", ");
            for (JsonNode p : m.path("players")) {
                scores.add(s(p, "name") + (p.path("kills").isNull() || p.path("kills").isMissingNode() ? ""
                        : " " + s(p, "kills") + "/" + s(p, "deaths")));
            }
            Instant started = instant(m.get("startedAt"));
            rows.add(List.of(s(m, "id"), s(m, "roomName"), started == null ? "" : DATE.format(started),
                    s(m, "state"), s(m, "winner").isEmpty() ? "-" : s(m, "winner"), scores.toString()));
        }
        return rows;
    }
}
