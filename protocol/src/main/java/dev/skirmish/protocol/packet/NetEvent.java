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

    public int wireBytes() {
        return 6 + data.length;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    void write(WireWriter w) {
        w.u32(sequence).u8(kind).u8(data.length).bytes(data);
    }

    static NetEvent read(WireReader r) {
        long seq = r.u32();
        int kind = r.u8();
        int len = r.u8();
        if (len > MAX_DATA_BYTES) {
            throw new MalformedPacketException("event data too long");
        }
        if (seq == 0) {
            throw new MalformedPacketException("event sequence 0");
        }
        return new NetEvent(seq, kind, r.bytes(len));
    }

    static void writeList(WireWriter w, java.util.List<NetEvent> events) {
        w.u8(events.size());
        for (NetEvent e : events) {
            e.write(w);
        }
    }

    static java.util.List<NetEvent> readList(WireReader r) {
        int n = r.u8();
        java.util.List<NetEvent> list = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read(r));
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
