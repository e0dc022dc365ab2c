package dev.skirmish.protocol.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.protocol.snapshot.MatchInfo;
import dev.skirmish.protocol.snapshot.SnapshotReceiver;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerLinkTest {
    final WorldSnapshot world = WorldSnapshot.of(new MatchInfo(1, 50, 0), List.of(), List.of());

    @Test
    void acksDriveBaselinesAndEventsAndInputsFeedTheLastApplied() {
        PlayerLink link = new PlayerLink(3);
        link.addEvent(1, new byte[] {42});
        SnapshotPacket first = link.snapshot(1, world);
        assertThat(first.isFull()).isTrue();
        assertThat(first.events()).hasSize(1);
        link.onInput(new InputPacket(1, 1, List.of(new InputFrame(1, InputFrame.JUMP))));
        assertThat(link.nextInput().map(InputFrame::sequence)).contains(1L);
        SnapshotPacket second = link.snapshot(2, world);
        assertThat(second.baselineTick()).isEqualTo(1);
        assertThat(second.lastInputSequence()).isEqualTo(1);
        assertThat(second.events()).isEmpty();
        link.resetBaselines();
        assertThat(link.snapshot(3, world).isFull()).isTrue();
        SnapshotReceiver r = new SnapshotReceiver();
        assertThat(r.receive(first)).contains(world);
    }

    @Test
    void simulationInputsAndEventsPassThrough() {
        PlayerLink link = new PlayerLink(0);
        link.onInput(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(7, InputFrame.LEFT | InputFrame.PISTOL))));
        assertThat(link.nextPlayerInput()).contains(dev.skirmish.simulation.PlayerInput.fromBits(7,
                dev.skirmish.simulation.PlayerInput.LEFT | dev.skirmish.simulation.PlayerInput.PISTOL));
        var death = new dev.skirmish.simulation.GameEvent.Death(9, 0, 1);
        var net = link.addEvent(death);
        assertThat(dev.skirmish.protocol.event.GameEventCodec.decode(net)).contains(death);
    }

    @Test
    void aClientWithoutBaselinesGetsAFullSnapshotAgain() {
        PlayerLink link = new PlayerLink(0);
        link.snapshot(1, world);
        link.onInput(new InputPacket(1, 0, List.of(new InputFrame(1, 0))));
        assertThat(link.snapshot(2, world).baselineTick()).isEqualTo(1);
        // the player reconnected with a fresh client that has decoded nothing yet
        link.onInput(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(2, 0))));
        assertThat(link.snapshot(3, world).isFull()).isTrue();
    }

    @Test
    void aReconnectedClientsInputsCountFromOneAgain() {
        PlayerLink link = new PlayerLink(0);
        link.onInput(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(100, 0))));
        assertThat(link.nextInput().map(InputFrame::sequence)).contains(100L);
        link.resetBaselines();
        link.onInput(new InputPacket(SnapshotPacket.NO_TICK, 0, List.of(new InputFrame(1, InputFrame.JUMP))));
        assertThat(link.nextInput().map(InputFrame::sequence)).contains(1L);
        assertThat(link.snapshot(10, world).lastInputSequence()).isEqualTo(1);
    }
}
