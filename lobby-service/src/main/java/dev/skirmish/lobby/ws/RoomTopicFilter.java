package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.rooms.RoomService;
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

    public RoomTopicFilter(RoomService rooms, StompSessions sessions) {
        this.rooms = rooms;
        this.sessions = sessions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        // with the RabbitMQ relay (profile cluster) a delivery may still carry the broker's dotted form here
        String dest = RelayDestinations.toClient(SimpMessageHeaderAccessor.getDestination(message.getHeaders()));
        if (dest == null) return message;
        String roomId = StompGuard.roomOfTopic(dest);
        if (roomId == null) return message;
        String playerId = sessions.playerOf(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
        if (playerId != null && !rooms.isMember(playerId, roomId)) {
            return null;
        }
        return message;
    }
}
