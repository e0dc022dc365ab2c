package dev.skirmish.lobby.chat;

/**
 * Whether a chat line's sender sits in the room, asked once per line. Without a bean of this type the room's seat
 * index answers ({@code RoomService.isMember}: memory on one node, a PostgreSQL query in profile {@code cluster}).
 * Profile {@code cluster} with fan-out {@code node} answers from the node's copy of the room's members, which the
 * room's events drop (a query per line was the largest per-line cost the cluster added over one node).
 */
@FunctionalInterface
public interface ChatMembers {
    boolean isMember(String playerId, String roomId);
}
