package dev.skirmish.protocol.wire;

/**
 * Reads what {@link BitWriter} wrote; every overrun is a {@link MalformedPacketException}, and so are non-zero
 * padding bits after the last field (one state has one encoding).
 */
public final class BitReader {
    private final byte[] data;
    private final long end;
    private long pos;

    public BitReader(byte[] data) {
        this.data = data;
        this.end = (long) data.length * 8;
    }

    public long remainingBits() {
        return end - pos;
    }

    /** {@code count} bits (0..32) as an unsigned value. */
    public long read(int count) {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count " + count);
        }
        if (end - pos < count) {
            throw new MalformedPacketException("truncated: need " + count + " bits, have " + (end - pos));
        }
        long v = 0;
        for (int i = 0; i < count; i++) {
            v = (v << 1) | ((data[(int) (pos >>> 3)] >>> (7 - (pos & 7))) & 1);
            pos++;
        }
        return v;
    }

    public boolean bit() {
        return read(1) != 0;
    }

    /** Only zero padding, less than a byte of it, may follow. */
    public void expectEnd() {
        if (end - pos >= 8) {
            throw new MalformedPacketException("trailing bytes");
        }
        while (pos < end) {
            if (read(1) != 0) {
                throw new MalformedPacketException("non-zero padding");
            }
        }
    }
}
