package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.rooms.RoomService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Outbound: a player who left or was kicked keeps its old subscription, so room messages are dropped for
 * sessions whose player is no longer a member.
 */
@Component
public class RoomTopicFilter implements ChannelInterceptor {
    private final RoomService rooms;
    private final StompSessions sessions;
    private final ObjectProvider<RoomMembersCache> cache;
    /** The cache, resolved on the first line rather than per line (a bean lookup each time showed in a profile). */
    private volatile java.util.Optional<RoomMembersCache> resolved;

    public RoomTopicFilter(RoomService rooms, StompSessions sessions, ObjectProvider<RoomMembersCache> cache) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.cache = cache;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        // with the RabbitMQ relay (profile cluster) a delivery may still carry the broker's dotted form here
        String dest = RelayDestinations.toClient(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
        return delivers(dest, SimpMessageHeaderAccessor.getSessionId(message.getHeaders())) ? message : null;
    }

    /**
     * {@link #delivers} for every subscriber of one message: the room's members are read once (in profile cluster a
     * query per delivery was most of a chat line's cost), then each session is checked against them.
     */
    java.util.function.Predicate<String> deliversTo(String dest) {
        String roomId = dest == null ? null : StompGuard.roomOfTopic(dest);
        if (roomId == null) return sessionId -> true;
        // fan-out node: the node's copy, dropped by room events (RoomMembersCache); otherwise PostgreSQL or memory
        java.util.Optional<RoomMembersCache> copy = resolved;
        if (copy == null) resolved = copy = java.util.Optional.ofNullable(cache.getIfAvailable());
        var members = copy.isEmpty() ? rooms.members(roomId) : copy.get().members(roomId);
        return sessionId -> {
            String playerId = sessions.playerOf(sessionId);
            return playerId == null || members.test(playerId);
        };
    }

    /** False for a room topic the session's player no longer sits in. */
    boolean delivers(String dest, String sessionId) {
        if (dest == null) return true;
        String roomId = StompGuard.roomOfTopic(dest);
        if (roomId == null) return true;
        String playerId = sessions.playerOf(sessionId);
        return playerId == null || rooms.isMember(playerId, roomId);
    }
}
