package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.rooms.RoomEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * Turns committed room changes into STOMP messages. The change is already stored when this runs, so a broker that
 * cannot take the message (profile cluster: RabbitMQ down, the relay inactive) must not turn the player's request
 * into an error: the room exists, clients catch up from the REST room list when they reconnect. Such losses are
 * counted ({@code lobby.broadcasts.undelivered}) and logged at most every 10 s.
 */
@Component
public class RoomBroadcaster {
    private static final Logger log = LoggerFactory.getLogger(RoomBroadcaster.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final SimpMessageSendingOperations broker;
    private final Counter undelivered;
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    public RoomBroadcaster(SimpMessageSendingOperations broker, MeterRegistry meters) {
        this.broker = broker;
        this.undelivered = Counter.builder("lobby.broadcasts.undelivered")
                .description("room events and match assignments the broker did not take (broker unavailable)")
                .register(meters);
    }

    @EventListener
    public void room(RoomEvent e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type());
        body.put("roomId", e.roomId());
        body.put("room", e.room());
        body.put("player", e.player());
        body.put("reason", e.reason());
        body.putAll(e.data());
        send("/topic/rooms/" + e.roomId(), body);
        if (e.type().equals("KICKED") && e.player() != null) {
            // the kicked player no longer receives the room topic, so it is told privately
            sendToUser(e.player().get("id"), "/queue/errors",
                    Map.of("code", "KICKED", "message", e.reason(), "roomId", e.roomId()));
        }
        if (e.listed()) {
            String listType = switch (e.type()) {
                case "CREATED", "REMOVED" -> e.type();
                default -> "UPDATED";
            };
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", listType);
            row.put("roomId", e.roomId());
            row.put("room", e.room());
            send("/topic/rooms", row);
        }
    }

    @EventListener
    public void match(MatchAssignment a) {
        // the assignment is also kept for GET /api/matches/current and re-sent on the player's next subscription
        sendToUser(a.playerId(), "/queue/match", a);
    }

    private void send(String destination, Object body) {
        try {
            broker.convertAndSend(destination, body);
        } catch (MessagingException e) {
            undelivered(destination, e);
        }
    }

    private void sendToUser(String playerId, String destination, Object body) {
        try {
            broker.convertAndSendToUser(playerId, destination, body);
        } catch (MessagingException e) {
            undelivered("/user/" + playerId + destination, e);
        }
    }

    private void undelivered(String destination, MessagingException e) {
        undelivered.increment();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
            log.warn("broker did not take a message for {} ({} undelivered so far): {}", destination,
                    (long) undelivered.count(), e.getMessage());
        }
    }
}
