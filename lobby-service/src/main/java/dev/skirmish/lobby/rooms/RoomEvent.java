package dev.skirmish.lobby.rooms;

import java.util.Map;

/**
 * Something that happened to a room, published after the change is committed and forwarded to
 * {@code /topic/rooms/{id}} (and, for public rooms, {@code /topic/rooms}).
 *
 * @param type    CREATED, JOINED, LEFT, KICKED, READY, OWNER_CHANGED, COUNTDOWN, COUNTDOWN_CANCELLED, STARTED,
 *                START_FAILED, ENDED, REMOVED, CHAT_DELETED (messageId: an operator deleted that chat line)
 * @param room    the room after the change (null for REMOVED)
 * @param player  the player concerned, if any: {@code {"id","name"}}
 * @param reason  human-readable why, if any
 * @param data    extra fields (e.g. result for ENDED)
 */
public record RoomEvent(String type, String roomId, RoomView room, Map<String, String> player, String reason,
                        Map<String, Object> data) {

    /** Whether {@code /topic/rooms} shows it: public rooms only. */
    public boolean listed() {
        return room == null ? !Boolean.TRUE.equals(data.get("private")) : !room.isPrivate();
    }
}
