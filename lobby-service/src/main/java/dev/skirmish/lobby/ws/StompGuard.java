package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.TokenService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Inbound STOMP rules: CONNECT needs a valid bearer token; SUBSCRIBE only to the public topics, to rooms the
 * player sits in and to the player's own queues; SEND only to {@code /app/**}. A refusal is a STOMP ERROR frame.
 */
@Component
public class StompGuard implements ChannelInterceptor {
    private static final Logger log = LoggerFactory.getLogger(StompGuard.class);
    private static final String ROOM_TOPICS = "/topic/rooms/";
    private static final Pattern APP_DEST = Pattern.compile("/app/(lobby/chat|rooms/[^/]+/chat)");

    private final TokenService tokens;
    private final RoomService rooms;

    public StompGuard(TokenService tokens, RoomService rooms) {
        this.tokens = tokens;
        this.rooms = rooms;
        StompRefusalLogFilter.ensureInstalled();
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc == null || acc.getCommand() == null) return message;
        StompCommand cmd = acc.getCommand();
        if (cmd == StompCommand.CONNECT || cmd == StompCommand.STOMP) {
            StompRefusalLogFilter.ensureInstalled();
            var player = TokenService.bearer(acc.getFirstNativeHeader("Authorization")).flatMap(tokens::verify)
                    .orElseThrow(() -> refuse(acc, null, "CONNECT needs a header 'Authorization: Bearer <token>' with a valid token"));
            acc.setUser(new StompPrincipal(player));
            return message;
        }
        if (!(acc.getUser() instanceof StompPrincipal user)) {
            if (cmd == StompCommand.DISCONNECT) return message;
            throw refuse(acc, null, "send CONNECT with a valid token first");
        }
        String dest = acc.getDestination();
        if (cmd == StompCommand.SUBSCRIBE) {
            if (!maySubscribe(user.getName(), dest)) throw refuse(acc, user.getName(), "you may not subscribe to " + dest);
        } else if (cmd == StompCommand.SEND) {
            if (dest == null || !APP_DEST.matcher(dest).matches()) {
                throw refuse(acc, user.getName(), "you may only SEND to /app/lobby/chat or /app/rooms/{id}/chat, not " + dest);
            }
        }
        return message;
    }

    boolean maySubscribe(String playerId, String dest) {
        if (dest == null) return false;
        if (dest.equals("/topic/rooms") || dest.equals("/topic/lobby/chat")
                || dest.equals("/user/queue/match") || dest.equals("/user/queue/errors")) {
            return true;
        }
        String roomId = roomOfTopic(dest);
        return roomId != null && rooms.isMember(playerId, roomId);
    }

    /**
     * The room of {@code /topic/rooms/{id}} or {@code /topic/rooms/{id}/chat}, else null. Parsed by hand, not by a
     * regex: the outbound filter asks this for every delivery (20,000 a second under load).
     */
    static String roomOfTopic(String dest) {
        if (!dest.startsWith(ROOM_TOPICS)) return null;
        int start = ROOM_TOPICS.length();
        int slash = dest.indexOf('/', start);
        int end = slash < 0 ? dest.length() : slash;
        if (end == start) return null;
        if (slash >= 0 && (dest.length() != slash + 5 || !dest.startsWith("/chat", slash))) return null;
        return dest.substring(start, end);
    }

    /**
     * One WARN line per refusal, here; Spring's own one-line ERROR for the same refused SEND is dropped by
     * {@link StompRefusalLogFilter}. The client gets an ERROR frame whose {@code message} header is {@code why}.
     */
    private static Refusal refuse(StompHeaderAccessor acc, String playerId, String why) {
        log.warn("STOMP {} refused (session {}, player {}): {}", acc.getCommand(), acc.getSessionId(), playerId == null ? "-" : playerId, why);
        StompRefusalLogFilter.refused(why);
        return new Refusal(why);
    }

    /** A refused frame; the STOMP handler sends it back as an ERROR frame whose message header is this text. */
    static final class Refusal extends MessageDeliveryException {
        Refusal(String why) {
            super(why);
        }
    }
}
