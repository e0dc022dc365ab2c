package dev.skirmish.protocol.session;

import dev.skirmish.protocol.connection.EventOutbox;
import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.connection.InputQueue;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.snapshot.SnapshotEncodings;
import dev.skirmish.protocol.snapshot.SnapshotSender;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.PlayerInput;
import java.util.Optional;

/**
 * Everything the server keeps per player between the connection layer and the game: the input queue, the
 * reliable events and the snapshot baselines. Create one when a player first connects and keep it across
 * reconnects (only {@link #resetBaselines()} then), so no event is lost while the player was away.
 */
public final class PlayerLink {
    private final int playerIndex;
    private InputQueue inputs = new InputQueue();
    private final EventOutbox events = new EventOutbox();
    private SnapshotSender snapshots = new SnapshotSender();
    private final EventAckTimes ackTimes = new EventAckTimes();

    public PlayerLink(int playerIndex) {
        this.playerIndex = playerIndex;
    }

    public int playerIndex() {
        return playerIndex;
    }

    /** Takes an INPUT packet: its acks and its new inputs. */
    public void onInput(InputPacket packet) {
        snapshots.acknowledge(packet.ackSnapshotTick());
        events.acknowledge(packet.ackEventSequence());
        inputs.offer(packet);
    }

    /** As {@link #onInput(InputPacket)}, also timing the events it acknowledges against the current tick. */
    public void onInput(InputPacket packet, int tick) {
        ackTimes.acknowledged(packet.ackEventSequence(), tick);
        onInput(packet);
    }

    /** As {@link #onInput(InputPacket, int)}, from the server endpoint's decoded payload ({@code InputSink}). */
    public void onInput(InputView packet, int tick) {
        ackTimes.acknowledged(packet.ackEventSequence(), tick);
        snapshots.acknowledge(packet.ackSnapshotTick());
        events.acknowledge(packet.ackEventSequence());
        inputs.offer(packet);
    }

    /** The one input to apply this tick, if any. */
    public Optional<InputFrame> nextInput() {
        return inputs.poll();
    }

    /** The next input as the simulation takes it (the InputFrame's sequence and buttons, unchanged). */
    public Optional<PlayerInput> nextPlayerInput() {
        return nextInput().map(f -> PlayerInput.fromBits((int) f.sequence(), f.buttons()));
    }

    /** As {@link #nextPlayerInput()}, null when none arrived (the tick thread asks every player every tick). */
    public PlayerInput nextPlayerInputOrNull() {
        long packed = inputs.pollPacked();
        return packed < 0 ? null : PlayerInput.fromBits((int) (packed >>> 8), (int) (packed & 0xFF));
    }

    /** Queues a simulation event for this player, encoded by {@link GameEventCodec}. */
    public NetEvent addEvent(GameEvent event) {
        GameEventCodec.Encoded e = GameEventCodec.encode(event);
        return events.add(e.kind(), e.data());
    }

    /** Queues a reliable event for this player. */
    public NetEvent addEvent(int kind, byte[] data) {
        return events.add(kind, data);
    }

    /** Queues a reliable event that happened at {@code tick}, for {@link #eventAckTimes()}. */
    public NetEvent addEvent(int kind, byte[] data, int tick) {
        NetEvent e = events.add(kind, data);
        ackTimes.added(e.sequence(), tick);
        return e;
    }

    /** Ticks from reliable events to their acks (events queued with their tick only). */
    public EventAckTimes eventAckTimes() {
        return ackTimes;
    }

    /** The SNAPSHOT to send this player for {@code tick}. */
    public SnapshotPacket snapshot(long tick, WorldSnapshot world) {
        return snapshots.build(tick, world, inputs.lastApplied(), events);
    }

    /** As {@link #snapshot(long, WorldSnapshot)}, sharing delta encodings with the tick's other players. */
    public SnapshotPacket snapshot(long tick, SnapshotEncodings shared) {
        return snapshots.build(tick, shared, inputs.lastApplied(), events);
    }

    /**
     * Call on every (re)connection of this player: the new client holds no baselines (so the next snapshot is
     * full) and numbers its inputs from 1 again (so the input queue starts over). Reliable events stay queued;
     * the new client starts from the oldest one kept, so events discarded while it was away leave no gap.
     */
    public void resetBaselines() {
        snapshots = new SnapshotSender();
        inputs = new InputQueue();
        events.newClient();
    }

    /** The client left more reliable events unacknowledged than the server keeps: it must be disconnected. */
    public boolean tooFarBehind() {
        return events.overflowed();
    }

    public InputQueue inputs() {
        return inputs;
    }

    public EventOutbox events() {
        return events;
    }

    public SnapshotSender snapshots() {
        return snapshots;
    }
}
