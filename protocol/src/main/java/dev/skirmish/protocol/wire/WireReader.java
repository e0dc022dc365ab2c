package dev.skirmish.protocol.wire;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked big-endian reader over a byte range; every overrun is a {@link MalformedPacketException}. */
public final class WireReader {
    private final byte[] data;
    private final int end;
    private int pos;

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    public WireReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new MalformedPacketException("range outside buffer");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new MalformedPacketException("truncated: need " + n + " bytes, have " + (end - pos));
        }
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    public int u16() {
        need(2);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public int i32() {
        need(4);
        int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16)
                | ((data[pos + 2] & 0xFF) << 8) | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long u32() {
        return i32() & 0xFFFF_FFFFL;
    }

    public long i64() {
        long hi = u32();
        long lo = u32();
        return (hi << 32) | lo;
    }

    public float f32() {
        return Float.intBitsToFloat(i32());
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** u8 length + UTF-8 bytes; rejects invalid UTF-8 and lengths above {@code maxBytes}. */
    public String string(int maxBytes) {
        int len = u8();
        if (len > maxBytes) {
            throw new MalformedPacketException("string longer than " + maxBytes);
        }
        byte[] raw = bytes(len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("invalid UTF-8");
        }
    }

    /** Unsigned LEB128 varint, at most 5 bytes (32 bits). */
    public int varint() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new MalformedPacketException("varint overflow");
                }
                return result;
            }
        }
        throw new MalformedPacketException("varint too long");
    }

    /** Zig-zag signed varint. */
    public int svarint() {
        int v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    public void expectEnd() {
        if (pos != end) {
            throw new MalformedPacketException((end - pos) + " trailing bytes");
        }
    }
}
