package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;

/**
 * An INPUT payload decoded into reused arrays instead of an {@link InputPacket} with a list of {@link InputFrame}
 * records: the server's receive path decodes 60 of these per player and second, up to 8 redundant frames each, and
 * the records, lists and copies were most of a match host's per-tick garbage. {@link #decode} is the one place of
 * the INPUT wire rules (counts, bounds, button bits, strictly decreasing sequences, no trailing bytes):
 * {@link InputPacket#read}, the record path of {@link PacketCodec} and the client, is this decode plus
 * {@link #toPacket}, so the two paths cannot drift apart. Not thread-safe: one per receiving thread (the server
 * endpoint keeps one), valid until the next {@link #decode}.
 */
public final class InputView {
    private static final int HEADER_BYTES = 4 + 4 + 1;
    private final long[] sequences = new long[Protocol.INPUT_REDUNDANCY];
    private final int[] buttons = new int[Protocol.INPUT_REDUNDANCY];
    private long ackSnapshotTick;
    private long ackEventSequence;
    private int count;
    private String refusal;

    /**
     * Decodes an INPUT payload ({@code length} bytes from {@code offset}); false when it breaks a rule, which
     * {@link #refusal} then names. Allocates nothing: the reasons are constants.
     */
    public boolean decode(byte[] payload, int offset, int length) {
        count = 0;
        if (offset < 0 || length < 0 || offset + length > payload.length) {
            return refuse("range outside buffer");
        }
        if (length < HEADER_BYTES) {
            return refuse("truncated input header");
        }
        int n = payload[offset + 8] & 0xFF;
        if (n < 1 || n > Protocol.INPUT_REDUNDANCY) {
            return refuse("bad input count");
        }
        if (length != HEADER_BYTES + n * InputFrame.WIRE_BYTES) {
            return refuse(length < HEADER_BYTES + n * InputFrame.WIRE_BYTES ? "truncated inputs" : "trailing bytes");
        }
        int at = offset + HEADER_BYTES;
        for (int i = 0; i < n; i++, at += InputFrame.WIRE_BYTES) {
            long sequence = u32(payload, at);
            int b = payload[at + 4] & 0xFF;
            if (sequence < 1 || sequence > InputFrame.MAX_SEQUENCE) {
                return refuse("input sequence must be 1..2^31-1");
            }
            if ((b & ~InputFrame.KNOWN_BUTTONS) != 0) {
                return refuse("unknown button bits");
            }
            if (i > 0 && sequence >= sequences[i - 1]) {
                return refuse("inputs must be newest first with decreasing sequences");
            }
            sequences[i] = sequence;
            buttons[i] = b;
        }
        ackSnapshotTick = u32(payload, offset);
        ackEventSequence = u32(payload, offset + 4);
        count = n;
        refusal = null;
        return true;
    }

    private boolean refuse(String reason) {
        refusal = reason;
        return false;
    }

    /** Why the last {@link #decode} returned false (null after one that succeeded). */
    public String refusal() {
        return refusal;
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
