package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.security.TokenService;
import java.util.function.Supplier;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The inbound STOMP rules, as Spring Security's message authorization (run by its AuthorizationChannelInterceptor,
 * see {@link WebSocketConfig}): CONNECT needs a valid bearer token; every later frame needs that token to be still
 * valid (not expired, its player not signed out); SUBSCRIBE only to the public topics, to rooms the player sits in
 * and to the player's own queues; SEND only to {@code /app/**}. A denial carries a code and a reason, which
 * {@link StompRefusals} logs and sends back as the ERROR frame.
 */
@Component
public class StompGuard implements AuthorizationManager<Message<?>> {
    private static final String ROOM_TOPICS = "/topic/rooms/";
    private static final String APP_ROOMS = "/app/rooms/";
    private static final String CHAT = "/chat";
    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    /** Set (server side, never from the client's own headers) on a CONNECT whose token is genuine but expired. */
    static final String EXPIRED_TOKEN_HEADER = "skirmish.expiredToken";

    /** A decision with the code and sentence the client is told when it is a denial. */
    public static final class Decision extends AuthorizationDecision {
        private final String code;
        private final String reason;

        Decision(String code, String reason) {
            super(false);
            this.code = code;
            this.reason = reason;
        }

        public String code() {
            return code;
        }

        public String reason() {
            return reason;
        }
    }

    private final TokenService tokens;
    private final RoomService rooms;

    public StompGuard(TokenService tokens, RoomService rooms) {
        this.tokens = tokens;
        this.rooms = rooms;
        StompRefusalLogFilter.ensureInstalled();
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, Message<?> message) {
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc == null) return GRANTED; // not a client frame
        StompCommand cmd = acc.getCommand();
        PlayerAuthentication user = userOf(authentication);
        if (cmd == StompCommand.CONNECT || cmd == StompCommand.STOMP) {
            if (user != null) return GRANTED;
            if (Boolean.TRUE.equals(acc.getHeader(EXPIRED_TOKEN_HEADER))) {
                return new Decision("TOKEN_EXPIRED", "TOKEN_EXPIRED: CONNECT needs a header 'Authorization: Bearer <token>' with a valid token;"
                        + " this one expired: refresh it (POST /api/players/refresh) and connect again");
            }
            return new Decision("UNAUTHORIZED", "CONNECT needs a header 'Authorization: Bearer <token>' with a valid token");
        }
        if (cmd == StompCommand.DISCONNECT) return GRANTED;
        if (user == null) {
            // a heart-beat has no command and no bearing on anything
            return cmd == null ? GRANTED : new Decision("UNAUTHORIZED", "send CONNECT with a valid token first");
        }
        Decision dead = tokenCheck(tokens, user.player());
        if (dead != null) return dead;
        String dest = acc.getDestination();
        if (cmd == StompCommand.SUBSCRIBE && !maySubscribe(user.getName(), dest)) {
            return new Decision("FORBIDDEN", "you may not subscribe to " + dest);
        }
        if (cmd == StompCommand.SEND && !maySend(dest)) {
            return new Decision("FORBIDDEN", "you may only SEND to /app/lobby/chat or /app/rooms/{id}/chat, not " + dest);
        }
        return GRANTED;
    }

    /** Null while the token a connection was opened with is still good, else why it is not. */
    static Decision tokenCheck(TokenService tokens, PlayerToken player) {
        if (tokens.stillValid(player)) return null;
        if (tokens.isRevoked(player)) {
            return new Decision("TOKEN_REVOKED", "TOKEN_REVOKED: the player of this connection signed out; sign in again");
        }
        return new Decision("TOKEN_EXPIRED", "TOKEN_EXPIRED: the token of this connection expired at " + player.expiresAt()
                + "; get a new one (POST /api/players/refresh, or sign in again) and connect again");
    }

    private static PlayerAuthentication userOf(Supplier<? extends Authentication> authentication) {
        try {
            return authentication.get() instanceof PlayerAuthentication p ? p : null;
        } catch (AuthenticationException noneInContext) {
            return null;
        }
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
     * True for exactly {@code /app/lobby/chat} and {@code /app/rooms/{id}/chat} (an id of one or more characters, none
     * a slash): what the regex {@code /app/(lobby/chat|rooms/[^/]+/chat)} accepted, parsed by hand because every chat
     * line's SEND is checked (the regex was two thirds of the authorization interceptor's samples).
     */
    static boolean maySend(String dest) {
        if (dest == null) return false;
        if (dest.equals("/app/lobby/chat")) return true;
        if (!dest.startsWith(APP_ROOMS) || !dest.endsWith(CHAT)) return false;
        int end = dest.length() - CHAT.length();
        return end > APP_ROOMS.length() && dest.indexOf('/', APP_ROOMS.length()) == end;
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
}
