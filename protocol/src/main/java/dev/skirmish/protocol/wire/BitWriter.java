package dev.skirmish.protocol.wire;

import java.util.Arrays;

/**
 * Appends bit fields most significant bit first; the last byte is padded with zero bits. Snapshot state is
 * bit-packed because most of its fields need far fewer than 8 bits (docs/protocol.md "Snapshot state").
 */
public final class BitWriter {
    private byte[] data;
    private long bits;

    public BitWriter(int capacityBytes) {
        data = new byte[Math.max(8, capacityBytes)];
    }

    /** Bits written so far. */
    public long bitSize() {
        return bits;
    }

    /** The low {@code count} bits of {@code value} (count 0..32). */
    public BitWriter write(long value, int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count " + count);
        }
        for (int i = count - 1; i >= 0; i--) {
            bit(((value >>> i) & 1) != 0);
        }
        return this;
    }

    public BitWriter bit(boolean on) {
        int index = (int) (bits >>> 3);
        if (index == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        if (on) {
            data[index] |= (byte) (0x80 >>> (bits & 7));
        }
        bits++;
        return this;
    }

    /** Appends every bit of another writer. */
    public BitWriter append(BitWriter other) {
        for (long i = 0; i < other.bits; i++) {
            bit((other.data[(int) (i >>> 3)] & (0x80 >>> (i & 7))) != 0);
        }
        return this;
    }

    /** Drops every bit after the first {@code size}. */
    public BitWriter truncate(long size) {
        if (size < 0 || size > bits) {
            throw new IllegalArgumentException("truncate to " + size + " of " + bits + " bits");
        }
        for (long i = size; i < bits; i++) {
            data[(int) (i >>> 3)] &= (byte) ~(0x80 >>> (i & 7));
        }
        bits = size;
        return this;
    }

    /** Empties the writer and keeps its buffer (zeroed: {@link #bit} only sets bits), so a scratch writer can be reused. */
    public BitWriter reset() {
        Arrays.fill(data, 0, (int) Math.min(data.length, (bits + 7) >>> 3), (byte) 0);
        bits = 0;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(data, (int) ((bits + 7) >>> 3));
    }
}
