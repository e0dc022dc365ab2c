package dev.skirmish.cli.play;

import dev.skirmish.cli.render.LobbyScreens;
import dev.skirmish.cli.render.Screen;
import dev.skirmish.cli.text.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The lobby browser: the rooms, kept live by lobby pushes; create a room or join the selected one. */
final class LobbyScreen implements PlayScreen {
    private final Play play;
    private volatile boolean dirty = true;
    private List<JsonNode> rooms = List.of();
    private int selected;

    LobbyScreen(Play play) {
        this.play = play;
    }

    /** The list may have changed (a push, a reconnect, leaving a room): reload it the next time it shows. */
    void markDirty() {
        dirty = true;
    }

    @Override
    public boolean key(int key) {
        switch (key) {
            case 'q', 'Q' -> {
                return false;
            }
            case Keys.UP -> selected = Math.max(0, selected - 1);
            case Keys.DOWN -> selected = Math.min(Math.max(0, rooms.size() - 1), selected + 1);
            case 'r' -> dirty = true;
            case 'c' -> play.roomScreen().enter(play.lobby().createRoom(cut(play.me().name() + "s-room", 32), 4, false));
            default -> {
                if (Keys.isEnter(key) && selected < rooms.size()) {
                    play.roomScreen().enter(play.lobby().join(Json.s(rooms.get(selected), "id"), null));
                }
            }
        }
        return true;
    }

    @Override
    public void refresh() {
        if (dirty) {
            dirty = false;
            List<JsonNode> list = new ArrayList<>();
            play.lobby().rooms(null, 0, 50).path("items").forEach(list::add);
            rooms = list;
            selected = Math.min(selected, Math.max(0, rooms.size() - 1));
        }
    }

    @Override
    public Screen draw(long now, int cols, int rows) {
        return LobbyScreens.lobby(play.me().name(), rooms, selected, play.status(), cols, rows);
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }
}
