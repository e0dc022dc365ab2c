package dev.skirmish.lobby.rooms;

import java.time.Instant;
import java.util.Map;

/** What a room change tells the world: its views and events (published by {@link RoomLock#publish}). */
final class RoomEvents {
    private RoomEvents() {
    }

    static RoomView view(RoomEntity r, boolean withCode) {
        Instant endsAt = Countdowns.endsAt(r);
        return RoomView.of(r, withCode, r.getState() == RoomState.STARTING && endsAt != null ? endsAt : null);
    }

    static RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        Map<String, String> player = playerId == null ? null : Map.of("id", playerId, "name", playerName);
        return new RoomEvent(type, r.getId(), view(r, false), player, reason, data);
    }
}
