package dev.skirmish.protocol.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The delta encodings of one captured world for one send tick, shared by every player whose baseline is the
 * same object and whose byte budget is the same. Players that acknowledged the same snapshot hold the very
 * {@link SnapshotCodec.Encoded#sent()} instance the shared encoding produced, so after the first send tick most
 * of a match's clients fall into a handful of groups and the server encodes a few deltas per tick instead of one
 * per player (64 × 64 entities). The bytes are identical to encoding per player: the codec is a pure function of
 * (baseline, world, budget). Tick thread only; make a new one for every send tick.
 */
public final class SnapshotEncodings {
    private record Entry(WorldSnapshot baseline, int budget, SnapshotCodec.Encoded encoded) {
    }

    private final WorldSnapshot world;
    private final List<Entry> entries = new ArrayList<>(4);
    private int encodes;

    public SnapshotEncodings(WorldSnapshot world) {
        this.world = world;
    }

    public WorldSnapshot world() {
        return world;
    }

    /** The encoding of {@link #world()} against {@code baseline} within {@code budget} bytes, made once. */
    public SnapshotCodec.Encoded encode(WorldSnapshot baseline, int budget) {
        for (Entry e : entries) {
            if (e.baseline == baseline && e.budget == budget) {
                return e.encoded;
            }
        }
        SnapshotCodec.Encoded encoded = SnapshotCodec.encode(baseline, world, budget);
        entries.add(new Entry(baseline, budget, encoded));
        encodes++;
        return encoded;
    }

    /** Distinct encodings made so far (for tests and stats). */
    public int encodes() {
        return encodes;
    }
}
