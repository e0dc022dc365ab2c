package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.wire.BitReader;
import dev.skirmish.protocol.wire.BitWriter;

/**
 * How one snapshot field is bit-packed: a size-class prefix (0, 1 or 2 bits) picks one of the field's widths, then
 * the value in that many bits (zig-zag first when signed). The widths are chosen from the game's ranges so the
 * common value fits the first class; the last class is always 32 bits, so any int still has an encoding.
 * docs/protocol.md "Snapshot state" lists each field's widths.
 */
record FieldCode(boolean signed, int... widths) {
    FieldCode {
        if (widths.length != 1 && widths.length != 2 && widths.length != 4 || widths[widths.length - 1] != 32) {
            throw new IllegalArgumentException("1, 2 or 4 classes, the last of 32 bits");
        }
    }

    static FieldCode signed(int... widths) {
        return new FieldCode(true, widths);
    }

    static FieldCode unsigned(int... widths) {
        return new FieldCode(false, widths);
    }

    private int prefixBits() {
        return widths.length == 4 ? 2 : widths.length - 1;
    }

    void write(BitWriter w, int value) {
        long u = (signed ? (value << 1) ^ (value >> 31) : value) & 0xFFFF_FFFFL;
        for (int c = 0; c < widths.length; c++) {
            if (widths[c] == 32 || u < (1L << widths[c])) {
                w.write(c, prefixBits());
                w.write(u, widths[c]);
                return;
            }
        }
        throw new IllegalStateException("unreachable: the last class holds 32 bits");
    }

    int read(BitReader r) {
        int u = (int) r.read(widths[(int) r.read(prefixBits())]);
        return signed ? (u >>> 1) ^ -(u & 1) : u;
    }
}
