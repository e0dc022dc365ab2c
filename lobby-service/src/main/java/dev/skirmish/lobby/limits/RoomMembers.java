package dev.skirmish.lobby.limits;

import java.util.List;

/**
 * What the match limit needs to know about a room. The rooms feature implements it (rooms already uses this package
 * for {@link Limited}), so the limits do not depend on rooms and the two do not form a cycle.
 */
public interface RoomMembers {
    /** The room as {@code viewerId} sees it; a room that does not exist is the room feature's own not-found error. */
    Members of(String roomId, String viewerId);

    record Members(String ownerId, List<String> playerIds) {
    }
}
