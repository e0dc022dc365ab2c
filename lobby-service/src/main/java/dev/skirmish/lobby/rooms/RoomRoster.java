package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.limits.RoomMembers;
import org.springframework.stereotype.Component;

/** The rooms' answer to the match limit's question: who owns a room and who sits in it. */
@Component
class RoomRoster implements RoomMembers {
    private final RoomService rooms;

    RoomRoster(RoomService rooms) {
        this.rooms = rooms;
    }

    @Override
    public Members of(String roomId, String viewerId) {
        RoomView room = rooms.get(roomId, viewerId);
        return new Members(room.ownerId(), room.players().stream().map(RoomView.PlayerView::id).toList());
    }
}
