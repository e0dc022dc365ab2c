package dev.skirmish.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable big-endian writer; the counterpart of {@link WireReader}. */
public final class WireWriter {
    private byte[] buf;
    private int pos;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public int size() {
        return pos;
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        return i32((int) v);
    }

    public WireWriter i64(long v) {
        i32((int) (v >>> 32));
        return i32((int) v);
    }

    public WireWriter f32(float v) {
        return i32(Float.floatToIntBits(v));
    }

    public WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public WireWriter zeros(int n) {
        ensure(n);
        pos += n; // fresh capacity is already zero-filled
        Arrays.fill(buf, pos - n, pos, (byte) 0);
        return this;
    }

    public WireWriter string(String s, int maxBytes) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        if (raw.length > maxBytes || raw.length > 255) {
            throw new IllegalArgumentException("string longer than " + maxBytes + " bytes: " + s);
        }
        u8(raw.length);
        return bytes(raw);
    }

    public WireWriter varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter svarint(int v) {
        return varint((v << 1) ^ (v >> 31));
    }

    /** Forgets everything written after the first {@code size} bytes (to undo an entry that did not fit). */
    public WireWriter truncate(int size) {
        if (size < 0 || size > pos) {
            throw new IllegalArgumentException("cannot truncate " + pos + " bytes to " + size);
        }
        pos = size;
        return this;
    }

    /**
     * The backing array without a copy: bytes {@code [0, size())} are the ones written. Only valid until the next
     * write; for the hot path that encrypts straight out of it.
     */
    /** Empties the writer and keeps its buffer, so a scratch writer reused for every packet allocates nothing. */
    public WireWriter reset() {
        pos = 0;
        return this;
    }

    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
