package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.LobbyProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * The {@link SessionOutbox} of every open {@code /ws} connection, by session id (which is also the STOMP session id),
 * so the fan-out can write to a subscriber without going through the outbound channel. An entry is added when the
 * container opens a connection and removed when it closes it: as many entries as open connections, which the
 * connection limits bound.
 */
@Component
class Outboxes {
    private final Map<String, SessionOutbox> open = new ConcurrentHashMap<>();
    private final int sendTimeLimitMillis;
    private final int sendBufferLimit;

    Outboxes(LobbyProperties props) {
        this.sendTimeLimitMillis = Math.toIntExact(props.wsSendTimeLimit().toMillis());
        this.sendBufferLimit = Math.toIntExact(props.wsSendBufferLimit().toBytes());
    }

    SessionOutbox of(String sessionId) {
        return open.get(sessionId);
    }

    int size() {
        return open.size();
    }

    /** A connection over a limit: Spring's handler ends its STOMP session now; the container's close comes later. */
    private void ended(WebSocketHandler stomp, SessionOutbox outbox) {
        if (open.remove(outbox.getId()) == null) return;
        try {
            stomp.afterConnectionClosed(outbox, CloseStatus.SESSION_NOT_RELIABLE);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Outboxes.class).debug("ending STOMP session {}: {}", outbox.getId(), e.toString());
        }
    }

    /**
     * Wraps Spring's STOMP handler so that it sees each connection through its outbox: Spring's own frames then
     * queue behind (and before) the fan-out's in one order, and Spring's send decorator is left out
     * ({@link StompWebSocketHandler}): the outbox applies its limits.
     */
    WebSocketHandler decorate(WebSocketHandler stomp) {
        return new WebSocketHandlerDecorator(stomp) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                var outbox = new SessionOutbox(session, sendTimeLimitMillis, sendBufferLimit, o -> ended(stomp, o));
                open.put(session.getId(), outbox);
                super.afterConnectionEstablished(outbox);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                var outbox = open.remove(session.getId());
                if (outbox != null) outbox.closed();
                super.afterConnectionClosed(outbox == null ? session : outbox, status);
            }
        };
    }
}
