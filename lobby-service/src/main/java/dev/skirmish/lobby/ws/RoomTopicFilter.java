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
        return delivers(dest, SimpMessageHeaderAccessor.getSessionId(message.getHeaders())) ? message : null;
    }

    /** False for a room topic the session's player no longer sits in; the fan-out ({@link FanoutBroker}) asks too. */
    boolean delivers(String dest, String sessionId) {
        if (dest == null) return true;
        String roomId = StompGuard.roomOfTopic(dest);
        if (roomId == null) return true;
        String playerId = sessions.playerOf(sessionId);
        return playerId == null || rooms.isMember(playerId, roomId);
    }
}
