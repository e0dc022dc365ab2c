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
        for (RoomState state : RoomState.values()) {
            Gauge.builder("lobby.rooms", rooms, r -> r.count(state)).tag("state", state.name())
                    .description("rooms by state").register(meters);
        }
    }
}
