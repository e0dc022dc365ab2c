package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.matches.MatchAssignment;
import dev.skirmish.lobby.rooms.RoomEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/** Turns committed room changes into STOMP messages. */
@Component
public class RoomBroadcaster {
    private final SimpMessageSendingOperations broker;

    public RoomBroadcaster(SimpMessageSendingOperations broker) {
        this.broker = broker;
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
        broker.convertAndSend("/topic/rooms/" + e.roomId(), (Object) body);
        if (e.type().equals("KICKED") && e.player() != null) {
            // the kicked player no longer receives the room topic, so it is told privately
            broker.convertAndSendToUser(e.player().get("id"), "/queue/errors",
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
            broker.convertAndSend("/topic/rooms", (Object) row);
        }
    }

    @EventListener
    public void match(MatchAssignment a) {
        broker.convertAndSendToUser(a.playerId(), "/queue/match", a);
    }
}
