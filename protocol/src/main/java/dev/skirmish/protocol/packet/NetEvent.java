package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * A reliable game event (hit, death, pickup, match end...). {@code sequence} numbers a client's events from 1
 * without gaps; the server resends every event above the client's ack. {@code kind} and {@code data} are defined
 * by the game (see docs/protocol.md "Event kinds"); the protocol only carries them.
 */
public record NetEvent(long sequence, int kind, byte[] data) {
    public static final int MAX_DATA_BYTES = 64;

    public NetEvent {
        if (sequence < 1 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("event sequence must be 1..2^32-1");
        }
        if (kind < 0 || kind > 0xFF) {
            throw new IllegalArgumentException("event kind must be a byte");
        }
        if (data == null || data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("event data must be 0.." + MAX_DATA_BYTES + " bytes");
        }
        data = data.clone();
    }

    /**
     * Bytes this event takes in an event list, for budgets: a bound for every event but a list's first, whose
     * sequence varint can take one byte more (consecutive events, as the outbox sends them, take 3 + data).
     * Exact sizes: {@link #listBytes}.
     */
    public int wireBytes() {
        return 6 + data.length;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Bytes of an event list as {@link #writeList} writes it (count byte included). */
    public static int listBytes(java.util.List<NetEvent> events) {
        if (events.isEmpty()) {
            return 1; // the count alone: most snapshots carry no event, and this runs for each of them
        }
        WireWriter w = new WireWriter(16);
        writeList(w, events);
        return w.size();
    }

    /**
     * Count, then per event: the sequence as a zig-zag varint of its difference to the previous one (the first:
     * to 0; arithmetic mod 2^32, so any order has an encoding and consecutive events cost 1 byte), kind, length,
     * data.
     */
    static void writeList(WireWriter w, java.util.List<NetEvent> events) {
        w.u8(events.size());
        long previous = 0;
        for (NetEvent e : events) {
            w.svarint((int) (e.sequence - previous)).u8(e.kind).u8(e.data.length).bytes(e.data);
            previous = e.sequence;
        }
    }

    static java.util.List<NetEvent> readList(WireReader r) {
        int n = r.u8();
        java.util.List<NetEvent> list = new java.util.ArrayList<>(n);
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long seq = (previous + r.svarint()) & 0xFFFF_FFFFL;
            int kind = r.u8();
            int len = r.u8();
            if (len > MAX_DATA_BYTES) {
                throw new MalformedPacketException("event data too long");
            }
            if (seq == 0) {
                throw new MalformedPacketException("event sequence 0");
            }
            list.add(new NetEvent(seq, kind, r.bytes(len)));
            previous = seq;
        }
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetEvent e && e.sequence == sequence && e.kind == kind && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 * 31 + kind * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NetEvent[seq=" + sequence + ", kind=" + kind + ", " + data.length + " bytes]";
    }
}
