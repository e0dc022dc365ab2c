package dev.skirmish.cli.play;

import dev.skirmish.cli.lobby.LiveLobby;
import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.render.LobbyScreens;
import dev.skirmish.cli.render.Screen;
import dev.skirmish.cli.render.Tables;
import dev.skirmish.cli.text.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** The room you sit in: its players and chat kept live by lobby pushes; ready, start, chat, leave. */
final class RoomScreen implements PlayScreen {
    private final Play play;
    private volatile boolean dirty = true;
    private JsonNode room;
    private final List<String> chat = new CopyOnWriteArrayList<>();
    private final List<LiveLobby.Subscription> subscriptions = new ArrayList<>();
    private String typing;

    RoomScreen(Play play) {
        this.play = play;
    }

    /** The room as last read; null when you sit in none. */
    JsonNode room() {
        return room;
    }

    /** The room may have changed (a push, a match that ended, a reconnect): reload it the next time it shows. */
    void markDirty() {
        dirty = true;
    }

    /** Sits in {@code r} (as the lobby just returned it): remembered for later commands, chat history, live updates. */
    void enter(JsonNode r) {
        room = r;
        String id = Json.s(r, "id");
        play.ctx().config().withRoom(id).save(play.ctx().configFile());
        chat.clear();
        List<String> history = new ArrayList<>();
        play.lobby().roomChat(id, 30).path("items").forEach(m -> history.add(0, Tables.chatLine(m)));
        chat.addAll(history);
        subscribe(id);
        play.show(this);
        play.status("");
    }

    /** Subscribes again on a new lobby link, if you sit in a room. */
    void resubscribe() {
        subscriptions.clear();
        if (room != null) {
            subscribe(Json.s(room, "id"));
        }
    }

    @Override
    public boolean key(int key) {
        if (typing != null) {
            return typeChat(key);
        }
        String id = Json.s(room, "id");
        switch (key) {
            case 'q', 'Q' -> {
                play.lobby().leave(id);
                play.ctx().config().withRoom(null).save(play.ctx().configFile());
                return false;
            }
            case 'r' -> room = play.lobby().ready(id, !myReady());
            case 's' -> room = play.lobby().start(id);
            case 't' -> typing = "";
            case 'l' -> {
                play.lobby().leave(id);
                leave();
            }
            default -> {
                if (Keys.isEnter(key)) {
                    typing = "";
                }
            }
        }
        return true;
    }

    @Override
    public void refresh() {
        if (dirty && room != null) {
            dirty = false;
            room = play.lobby().room(Json.s(room, "id"));
        }
    }

    @Override
    public Screen draw(long now, int cols, int rows) {
        return LobbyScreens.room(room, play.me().playerId(), chat, typing, play.status(), cols, rows);
    }

    private boolean typeChat(int key) {
        if (key == Keys.ESC) {
            typing = null;
        } else if (Keys.isEnter(key)) {
            if (!typing.isBlank()) {
                play.stomp().send("/app/rooms/" + Json.s(room, "id") + "/chat",
                        LobbyClient.JSON.writeValueAsString(Map.of("text", typing)));
            }
            typing = null;
        } else if (Keys.isBackspace(key)) {
            typing = typing.isEmpty() ? "" : typing.substring(0, typing.length() - 1);
        } else if (key >= 32 && key < 0x1_0000 && typing.length() < 200) {
            typing += (char) key;
        }
        return true;
    }

    private boolean myReady() {
        for (JsonNode p : room.path("players")) {
            if (Json.s(p, "id").equals(play.me().playerId())) {
                return p.path("ready").asBoolean();
            }
        }
        return false;
    }

    private void subscribe(String id) {
        LiveLobby stomp = play.stomp();
        subscriptions.add(stomp.subscribe("/topic/rooms/" + id, f -> {
            JsonNode e = LobbyClient.JSON.readTree(f.body());
            String type = Json.s(e, "type");
            if (!Json.s(e, "reason").isEmpty()) {
                play.status(type.toLowerCase() + ": " + Json.s(e, "reason"));
            } else if (type.equals("COUNTDOWN")) {
                play.status("match starts in " + Json.s(e, "seconds") + " s");
            }
            dirty = true;
        }));
        subscriptions.add(stomp.subscribe("/topic/rooms/" + id + "/chat",
                f -> chat.add(Tables.chatLine(LobbyClient.JSON.readTree(f.body())))));
    }

    private void leave() {
        subscriptions.forEach(play.stomp()::unsubscribe);
        subscriptions.clear();
        room = null;
        play.ctx().config().withRoom(null).save(play.ctx().configFile());
        play.show(play.lobbyScreen());
        play.lobbyScreen().markDirty();
    }
}
