package dev.skirmish.lobby.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * scrape27: a scrape read the three {@code lobby.rooms} gauges with a count statement each (three pool borrows on a
 * cluster node, beside the chat writer's); now one grouped statement per scrape, never behind this node's changes.
 */
class RoomGaugesTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RoomService rooms = mock(RoomService.class);

    private double gauge(RoomState state) {
        return meters.get("lobby.rooms").tag("state", state.name()).gauge().value();
    }

    private double[] scrape() {
        return new double[] {gauge(RoomState.OPEN), gauge(RoomState.STARTING), gauge(RoomState.IN_GAME)};
    }

    @Test
    void aScrapeReadsTheRoomsByStateInOneStatementAndSeesAChangeOfThisNodeAtOnce() {
        when(rooms.changes()).thenReturn(7L);
        when(rooms.countByState()).thenReturn(Map.of(RoomState.OPEN, 3L, RoomState.STARTING, 1L, RoomState.IN_GAME, 0L));
        new LobbyMetrics(meters, mock(PresenceRegistry.class), rooms);

        assertThat(scrape()).containsExactly(3, 1, 0);
        verify(rooms, times(1)).countByState();

        // a room of this node changed (a join filled it, its countdown started): the next read asks again
        when(rooms.changes()).thenReturn(8L);
        when(rooms.countByState()).thenReturn(Map.of(RoomState.OPEN, 2L, RoomState.STARTING, 2L, RoomState.IN_GAME, 0L));
        assertThat(scrape()).containsExactly(2, 2, 0);
        verify(rooms, times(2)).countByState();
    }

    @Test
    void aStateWithoutRoomsReadsZero() {
        when(rooms.countByState()).thenReturn(Map.of(RoomState.OPEN, 5L));
        new LobbyMetrics(meters, mock(PresenceRegistry.class), rooms);

        assertThat(scrape()).containsExactly(5, 0, 0);
    }
}
