package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.wire.BitReader;
import dev.skirmish.protocol.wire.BitWriter;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The wire form of one kind of snapshot entity: its fields in wire order, each with a {@link Mode} and a
 * {@link FieldCode}, how its change mask is grouped, and how a baseline is carried forward to the snapshot's tick
 * before comparing ({@link Motion}). Encoder and decoder share this one description, so they cannot drift apart.
 *
 * @param groups sizes of the mask groups in field order; the first group is always written, every later one is a
 *               1-bit "anything here changed" followed by its bits only when set (rarely-changing fields cost 1 bit)
 */
record EntityLayout<T>(Mode[] modes, FieldCode[] codes, int[] groups, Function<T, int[]> fields,
                       FieldsInto<T> fieldsInto, ToIntFunction<T> index, BiFunction<Integer, int[], T> make,
                       Predictor predictor) {

    /** An entity's fields in wire order, written into the caller's array (the encoder's reused scratch). */
    interface FieldsInto<T> {
        void into(T entity, int[] out);
    }

    /** How a listed field travels. */
    enum Mode {
        /** The difference to the carried-forward baseline value. */
        DELTA,
        /** The value itself (small enums and bit sets: a delta would not be smaller). */
        VALUE,
        /** A tick a countdown ends at (0 = none): 1 bit "running", then the end tick minus the snapshot's tick. */
        TICK
    }

    /**
     * The baseline's fields carried forward to the snapshot being coded: it may change {@code base} in place (always
     * a fresh or scratch copy of the baseline's fields) and returns it; identity for most kinds.
     */
    interface Predictor {
        int[] predict(int[] base, Frame frame);
    }

    /** What both ends know when coding one snapshot: its tick, the gap to the baseline and the tick rate. */
    record Frame(int tick, int gap, int tickRate) {
        static final Frame NONE = new Frame(0, 0, 0);
    }

    int count() {
        return modes.length;
    }

    int[] predict(T base, Frame frame) {
        return base == null ? new int[modes.length] : predictor.predict(fields.apply(base), frame);
    }

    /** As {@link #predict} into {@code out} ({@link #count()} long) instead of new arrays: the encoder's hot path. */
    int[] predictInto(T base, Frame frame, int[] out) {
        if (base == null) {
            java.util.Arrays.fill(out, 0);
            return out;
        }
        fieldsInto.into(base, out);
        return predictor.predict(out, frame);
    }

    /** The mask, then each masked field; a mask of 0 writes only the mask. */
    void write(BitWriter w, int[] from, int[] now, Frame frame) {
        int mask = 0;
        for (int i = 0; i < now.length; i++) {
            if (now[i] != from[i]) {
                mask |= 1 << i;
            }
        }
        writeMask(w, mask);
        for (int i = 0; i < now.length; i++) {
            if ((mask & (1 << i)) == 0) {
                continue;
            }
            switch (modes[i]) {
                case DELTA -> codes[i].write(w, now[i] - from[i]);
                case VALUE -> codes[i].write(w, now[i]);
                case TICK -> {
                    w.bit(now[i] != 0);
                    if (now[i] != 0) {
                        codes[i].write(w, now[i] - frame.tick());
                    }
                }
            }
        }
    }

    int[] read(BitReader r, int[] from, Frame frame) {
        int mask = readMask(r);
        int[] out = from.clone();
        for (int i = 0; i < out.length; i++) {
            if ((mask & (1 << i)) == 0) {
                continue;
            }
            out[i] = switch (modes[i]) {
                case DELTA -> from[i] + codes[i].read(r);
                case VALUE -> codes[i].read(r);
                case TICK -> r.bit() ? frame.tick() + codes[i].read(r) : 0;
            };
        }
        return out;
    }

    private void writeMask(BitWriter w, int mask) {
        int shift = 0;
        for (int g = 0; g < groups.length; g++) {
            int bits = (mask >>> shift) & ((1 << groups[g]) - 1);
            if (g > 0) {
                w.bit(bits != 0);
            }
            if (g == 0 || bits != 0) {
                w.write(bits, groups[g]);
            }
            shift += groups[g];
        }
    }

    private int readMask(BitReader r) {
        int mask = 0;
        int shift = 0;
        for (int g = 0; g < groups.length; g++) {
            if (g == 0 || r.bit()) {
                mask |= (int) r.read(groups[g]) << shift;
            }
            shift += groups[g];
        }
        return mask;
    }
}
