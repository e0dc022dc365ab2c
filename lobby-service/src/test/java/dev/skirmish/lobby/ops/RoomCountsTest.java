package dev.skirmish.lobby.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.skirmish.lobby.rooms.RoomService;
import dev.skirmish.lobby.rooms.RoomState;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Another node's changes do not move this node's count of changes: the read is kept at most a second. */
class RoomCountsTest {
    @Test
    void aReadIsKeptAtMostASecondSoAnotherNodesChangesShow() {
        var rooms = mock(RoomService.class);
        var now = new AtomicLong(1_000);
        when(rooms.countByState()).thenReturn(Map.of(RoomState.OPEN, 4L), Map.of(RoomState.OPEN, 6L));
        var counts = new RoomCounts(rooms, now::get);

        assertThat(counts.count(RoomState.OPEN)).isEqualTo(4);
        now.addAndGet(RoomCounts.MAX_AGE_NANOS);
        assertThat(counts.count(RoomState.OPEN)).isEqualTo(4);
        now.incrementAndGet();
        assertThat(counts.count(RoomState.OPEN)).isEqualTo(6);
        verify(rooms, times(2)).countByState();
    }
}
