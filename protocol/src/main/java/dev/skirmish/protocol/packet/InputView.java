package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;

/**
 * An INPUT payload decoded into reused arrays instead of an {@link InputPacket} with a list of {@link InputFrame}
 * records: the server's receive path decodes 60 of these per player and second, up to 8 redundant frames each, and
 * the records, lists and copies were most of a match host's per-tick garbage. Accepts exactly what
 * {@link InputPacket#read} accepts (same counts, bounds, button bits, strictly decreasing sequences, no trailing
 * bytes), so the fast path refuses nothing the record path took and takes nothing it refused. Not thread-safe: one
 * per receiving thread (the server endpoint keeps one), valid until the next {@link #decode}.
 */
public final class InputView {
    private static final int HEADER_BYTES = 4 + 4 + 1;
    private final long[] sequences = new long[Protocol.INPUT_REDUNDANCY];
    private final int[] buttons = new int[Protocol.INPUT_REDUNDANCY];
    private long ackSnapshotTick;
    private long ackEventSequence;
    private int count;

    /** Decodes an INPUT payload ({@code length} bytes from {@code offset}); false when the record path would refuse it. */
    public boolean decode(byte[] payload, int offset, int length) {
        count = 0;
        if (offset < 0 || length < HEADER_BYTES || offset + length > payload.length) {
            return false;
        }
        int n = payload[offset + 8] & 0xFF;
        if (n < 1 || n > Protocol.INPUT_REDUNDANCY || length != HEADER_BYTES + n * InputFrame.WIRE_BYTES) {
            return false;
        }
        int at = offset + HEADER_BYTES;
        for (int i = 0; i < n; i++, at += InputFrame.WIRE_BYTES) {
            long sequence = u32(payload, at);
            int b = payload[at + 4] & 0xFF;
            if (sequence < 1 || sequence > InputFrame.MAX_SEQUENCE || (b & ~InputFrame.KNOWN_BUTTONS) != 0
                    || (i > 0 && sequence >= sequences[i - 1])) {
                return false;
            }
            sequences[i] = sequence;
            buttons[i] = b;
        }
        ackSnapshotTick = u32(payload, offset);
        ackEventSequence = u32(payload, offset + 4);
        count = n;
        return true;
    }

    /** Loads a decoded record (the record path's packets go through the same queue code). */
    public InputView set(InputPacket packet) {
        count = packet.inputs().size();
        for (int i = 0; i < count; i++) {
            sequences[i] = packet.inputs().get(i).sequence();
            buttons[i] = packet.inputs().get(i).buttons();
        }
        ackSnapshotTick = packet.ackSnapshotTick();
        ackEventSequence = packet.ackEventSequence();
        return this;
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    public long ackSnapshotTick() {
        return ackSnapshotTick;
    }

    public long ackEventSequence() {
        return ackEventSequence;
    }

    /** Frames decoded, newest first (0 after a refused decode). */
    public int count() {
        return count;
    }

    public long sequence(int i) {
        return sequences[i];
    }

    public int buttons(int i) {
        return buttons[i];
    }

    /** The record form (tests and logs; allocates). */
    public InputPacket toPacket() {
        java.util.List<InputFrame> frames = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(new InputFrame(sequences[i], buttons[i]));
        }
        return new InputPacket(ackSnapshotTick, ackEventSequence, frames);
    }
}
