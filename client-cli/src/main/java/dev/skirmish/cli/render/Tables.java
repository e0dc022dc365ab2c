package dev.skirmish.cli.render;

import dev.skirmish.cli.text.Json;
import dev.skirmish.cli.text.Printable;
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

    public static List<List<String>> roomRows(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : items) {
            rows.add(List.of(Json.shown(r, "id"), Json.shown(r, "name"), Json.shown(r, "owner"), r.path("players").size() + "/" + Json.shown(r, "capacity"),
                    Json.shown(r, "state"), r.path("private").asBoolean() ? "yes" : "no"));
        }
        return rows;
    }

    public static String roomSummary(JsonNode r) {
        StringJoiner members = new StringJoiner(", ");
        for (JsonNode p : r.path("players")) {
            members.add(Json.shown(p, "name") + (p.path("ready").asBoolean() ? " (ready)" : ""));
        }
        String code = Json.shown(r, "code");
        return "room " + Json.shown(r, "name") + " [" + Json.shown(r, "id") + "] " + Json.shown(r, "state") + ", owner " + Json.shown(r, "owner") + ", "
                + r.path("players").size() + "/" + Json.shown(r, "capacity") + ": " + members
                + (code.isEmpty() ? "" : "\njoin code: " + code);
    }

    public static String chatLine(JsonNode m) {
        Instant at = Json.instant(m.get("sentAt"));
        String clock = at == null ? "--:--:--" : CLOCK.format(at);
        return "[" + clock + "] " + Json.shown(m, "name") + ": " + Json.shown(m, "text");
    }

    public static List<List<String>> matchRows(JsonNode items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : items) {
            StringJoiner scores = new StringJoiner(", ");
            for (JsonNode p : m.path("players")) {
                scores.add(Json.shown(p, "name") + (p.path("kills").isNull() || p.path("kills").isMissingNode() ? ""
                        : " " + Json.shown(p, "kills") + "/" + Json.shown(p, "deaths")));
            }
            Instant started = Json.instant(m.get("startedAt"));
            rows.add(List.of(Json.shown(m, "id"), Json.shown(m, "roomName"), started == null ? "" : DATE.format(started),
                    Json.shown(m, "state"), Json.shown(m, "winner").isEmpty() ? "-" : Json.shown(m, "winner"), scores.toString()));
        }
        return rows;
    }
}
