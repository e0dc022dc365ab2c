package dev.skirmish.lobby.ops;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Gauges: {@code lobby.players.online} (players with an open WebSocket), {@code lobby.rooms{state}}.
 * Counters live next to what they count: lobby.chat.messages, lobby.chat.refused, lobby.match.starts,
 * lobby.match.start.failures.
 */
@Component
public class LobbyMetrics {
    public LobbyMetrics(MeterRegistry meters, PresenceRegistry presence, RoomService rooms) {
        Gauge.builder("lobby.players.online", presence, PresenceRegistry::connectedPlayers)
                .description("players with at least one open WebSocket").register(meters);
        // one grouped statement for the three (RoomCounts), not a count statement and a pool borrow per gauge
        var counts = new RoomCounts(rooms, System::nanoTime);
        for (RoomState state : RoomState.values()) {
            // strongly: a gauge holds its object weakly, and nothing else holds this one
            Gauge.builder("lobby.rooms", counts, c -> c.count(state)).tag("state", state.name()).strongReference(true)
                    .description("rooms by state").register(meters);
        }
    }
}
