package dev.skirmish.lobby.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * STOMP connections one player holds open at once ({@code ws-connections-per-player}). Sits on the inbound channel
 * after the authenticating interceptor: a CONNECT of a player already at the limit is answered with an ERROR frame
 * whose message starts with {@code TOO_MANY_CONNECTIONS} and the socket is closed. A slot is taken at CONNECT and
 * given back when the socket closes, whatever the reason, so both maps only hold open sockets.
 */
@Component
public class WsConnectionLimit implements ChannelInterceptor {
    private static final Logger log = LoggerFactory.getLogger(WsConnectionLimit.class);
    public static final String CODE = "TOO_MANY_CONNECTIONS";

    private final int max;
    private final Counter refused;
    private final Map<String, String> playerOfSession = new ConcurrentHashMap<>();
    private final Map<String, Integer> openPerPlayer = new ConcurrentHashMap<>();

    public WsConnectionLimit(LimitProperties props, MeterRegistry meters) {
        this.max = props.wsConnectionsPerPlayer();
        this.refused = meters.counter("lobby.limits.refused", "code", CODE);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc == null || (acc.getCommand() != StompCommand.CONNECT && acc.getCommand() != StompCommand.STOMP)) return message;
        String sessionId = acc.getSessionId();
        if (acc.getUser() == null || sessionId == null || playerOfSession.containsKey(sessionId)) return message;
        String playerId = acc.getUser().getName();
        boolean[] taken = new boolean[1];
        openPerPlayer.compute(playerId, (k, n) -> {
            int open = n == null ? 0 : n;
            if (open >= max) return n;
            taken[0] = true;
            return open + 1;
        });
        if (!taken[0]) {
            refused.increment();
            log.warn("STOMP CONNECT refused (session {}, player {}): {} connections open already", sessionId, playerId, max);
            throw new MessageDeliveryException(CODE + ": at most " + max + " open connections per player; close one first");
        }
        playerOfSession.put(sessionId, playerId);
        return message;
    }

    @EventListener
    public void closed(SessionDisconnectEvent e) {
        String playerId = playerOfSession.remove(e.getSessionId());
        if (playerId != null) openPerPlayer.computeIfPresent(playerId, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Players holding at least one counted connection. */
    public int trackedPlayers() {
        return openPerPlayer.size();
    }
}
