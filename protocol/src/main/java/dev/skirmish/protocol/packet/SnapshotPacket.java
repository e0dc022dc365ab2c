package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Server → client, sealed: the world at {@code tick}, delta-encoded against the snapshot of {@code baselineTick}
 * that the client acknowledged ({@link #NO_TICK}: full snapshot), the newest input sequence the server has
 * applied for this client (0: none yet), reliable events riding along, and the encoded state
 * ({@code dev.skirmish.protocol.snapshot.SnapshotCodec}). The constructor takes {@code state} over without a copy:
 * callers must not write to it afterwards.
 */
public record SnapshotPacket(long tick, long baselineTick, long lastInputSequence, List<NetEvent> events,
                             byte[] state) implements Packet {
    public static final long NO_TICK = 0xFFFF_FFFFL;
    public static final int MAX_EVENTS = 32;

    public SnapshotPacket {
        events = List.copyOf(events);
        if (events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("at most " + MAX_EVENTS + " events ride in a snapshot");
        }
        if (tick < 0 || tick >= NO_TICK || baselineTick < 0 || baselineTick > NO_TICK
                || lastInputSequence < 0 || lastInputSequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("tick/baseline/input sequence must be u32");
        }
        if (baselineTick != NO_TICK && baselineTick >= tick) {
            throw new IllegalArgumentException("baseline must be older than the snapshot");
        }
        // not copied: the packet takes the array over (the server's encoding is shared by the players with the same
        // baseline and never written again, a decoded one is a fresh copy), and state() hands out copies only
    }

    public boolean isFull() {
        return baselineTick == NO_TICK;
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    /** Size of the encoded state, without copying it (the server's statistics ask for it per packet). */
    public int stateLength() {
        return state.length;
    }

    @Override
    public PacketType type() {
        return PacketType.SNAPSHOT;
    }

    @Override
    public void writePayload(WireWriter w) {
        // the baseline as its distance back from the tick (0 = full): one byte for any baseline the sender keeps
        w.u32(tick).varint(isFull() ? 0 : (int) (tick - baselineTick)).u32(lastInputSequence);
        NetEvent.writeList(w, events);
        w.bytes(state);
    }

    public static SnapshotPacket read(WireReader r) {
        long tick = r.u32();
        long back = r.varint() & 0xFFFF_FFFFL;
        long baseline = back == 0 ? NO_TICK : tick - back;
        long lastInput = r.u32();
        List<NetEvent> events = NetEvent.readList(r);
        byte[] state = r.bytes(r.remaining());
        try {
            return new SnapshotPacket(tick, baseline, lastInput, events, state);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnapshotPacket s && s.tick == tick && s.baselineTick == baselineTick
                && s.lastInputSequence == lastInputSequence && s.events.equals(events) && Arrays.equals(s.state, state);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tick) * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "SnapshotPacket[tick=" + tick + ", baseline=" + baselineTick + ", lastInput=" + lastInputSequence
                + ", events=" + events.size() + ", " + state.length + " state bytes]";
    }
}
