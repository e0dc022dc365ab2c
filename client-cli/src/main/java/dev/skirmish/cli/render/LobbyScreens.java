package dev.skirmish.cli.render;

import dev.skirmish.cli.text.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The lobby browser and the room view as pure functions of the lobby's JSON to a {@link Screen}. */
public final class LobbyScreens {
    private LobbyScreens() {
    }

    /** Rooms as the lobby lists them; {@code selected} is highlighted with '>'. */
    public static Screen lobby(String me, List<JsonNode> rooms, int selected, String status, int cols, int rows) {
        Screen s = new Screen(cols, rows);
        s.text(0, 0, "SKIRMISH lobby - signed in as " + me);
        s.text(0, 1, "up/down select   enter join   c create room   r refresh   q quit");
        s.text(2, 3, String.format("%-20s %-16s %-7s %-8s", "ROOM", "OWNER", "PLAYERS", "STATE"));
        if (rooms.isEmpty()) {
            s.text(2, 4, "no open rooms yet: press c to create one");
        }
        for (int i = 0; i < rooms.size() && 4 + i < rows - 2; i++) {
            JsonNode r = rooms.get(i);
            s.text(0, 4 + i, (i == selected ? "> " : "  ") + String.format("%-20s %-16s %-7s %-8s", cut(Json.shown(r, "name"), 20),
                    cut(Json.shown(r, "owner"), 16), r.path("players").size() + "/" + Json.shown(r, "capacity"), Json.shown(r, "state")));
        }
        s.text(0, rows - 1, status == null ? "" : status);
        return s;
    }

    /** Members with ready flags and owner, the chat, and the line being typed. */
    public static Screen room(JsonNode room, String myId, List<String> chat, String typing, String status, int cols, int rows) {
        Screen s = new Screen(cols, rows);
        s.text(0, 0, "ROOM " + Json.shown(room, "name") + "  [" + Json.shown(room, "state") + "]  "
                + room.path("players").size() + "/" + Json.shown(room, "capacity")
                + (Json.shown(room, "code").isEmpty() ? "" : "  join code " + Json.shown(room, "code")));
        s.text(0, 1, "r ready   s start (owner)   t chat   l leave   q quit");
        int row = 3;
        for (JsonNode p : room.path("players")) {
            boolean owner = Json.shown(p, "id").equals(Json.shown(room, "ownerId"));
            boolean self = Json.shown(p, "id").equals(myId);
            s.text(2, row++, String.format("%s %-16s %-5s %s", p.path("ready").asBoolean() ? "[x]" : "[ ]", Json.shown(p, "name"),
                    owner ? "owner" : "", self ? "<- you" : ""));
        }
        int chatTop = Math.max(row + 1, 12);
        s.text(0, chatTop - 1, "-- chat --");
        int room4chat = Math.max(0, rows - 2 - chatTop);
        List<String> tail = chat.subList(Math.max(0, chat.size() - room4chat), chat.size());
        for (int i = 0; i < tail.size(); i++) {
            s.text(0, chatTop + i, tail.get(i));
        }
        s.text(0, rows - 2, typing == null ? "" : "say: " + typing + "_");
        s.text(0, rows - 1, status == null ? "" : status);
        return s;
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n - 1) + "~" : s;
    }
}
