package dev.skirmish.lobby.rooms;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What a room change tells the world: its views and events, and their publication after the change commits. */
final class RoomEvents {
    private RoomEvents() {
    }

    static RoomView view(RoomEntity r, boolean withCode) {
        Instant endsAt = Countdowns.endsAt(r);
        return RoomView.of(r, withCode, r.getState() == RoomState.STARTING && endsAt != null ? endsAt : null);
    }

    static RoomEvent event(String type, RoomEntity r, String playerId, String playerName, String reason, Map<String, Object> data) {
        Map<String, String> player = playerId == null ? null : Map.of("id", playerId, "name", playerName);
        return new RoomEvent(type, r.getId(), view(r, false), player, reason, data);
    }

    /**
     * Publishes now, or, when the change ran inside a caller's transaction (a session event reopening its room),
     * once that transaction has committed: clients never hear of a change that was rolled back.
     */
    static void publish(ApplicationEventPublisher publisher, List<RoomEvent> events) {
        if (events.isEmpty()) return;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            var later = List.copyOf(events);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    later.forEach(publisher::publishEvent);
                }
            });
            return;
        }
        events.forEach(publisher::publishEvent);
    }
}
