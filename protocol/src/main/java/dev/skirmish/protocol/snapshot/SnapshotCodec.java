package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Delta encoding of {@link WorldSnapshot}s against a baseline the client acknowledged ({@link WorldSnapshot#EMPTY}
 * for a full snapshot). Layout (docs/protocol.md "Snapshot state"): match fields, then the player section, then the
 * item section; each section lists changed or new entities (index gap, field mask, zig-zag deltas of the masked
 * fields) and then removed indexes. Entities that did not change cost nothing.
 */
public final class SnapshotCodec {
    private SnapshotCodec() {
    }

    /**
     * The bytes, and the world the client will hold after decoding them: when the budget is too small for every
     * change, the left-out entities keep their baseline value there, and the next delta (against this state)
     * carries them. Servers must store {@code sent}, not the full world, as the future baseline.
     */
    public record Encoded(byte[] bytes, WorldSnapshot sent) {
    }

    public static Encoded encode(WorldSnapshot baseline, WorldSnapshot current, int budgetBytes) {
        WireWriter w = new WireWriter(512);
        writeFields(w, baseline.match().fields(), current.match().fields());
        int matchBytes = w.size();
        // removed lists are tiny and must go out (a stale entity would never be corrected): size them first
        byte[] playersRemoved = removed(baseline.players(), current.players());
        byte[] itemsRemoved = removed(baseline.items(), current.items());
        int reserve = matchBytes + playersRemoved.length + itemsRemoved.length + 6;
        if (reserve > budgetBytes) {
            throw new IllegalArgumentException("budget of " + budgetBytes + " bytes cannot hold a snapshot");
        }
        int[] budget = {budgetBytes - reserve};
        TreeMap<Integer, PlayerSnapshot> sentPlayers = new TreeMap<>();
        byte[] players = changed(baseline.players(), current.players(), PlayerSnapshot::fields,
                PlayerSnapshot.FIELDS, budget, sentPlayers);
        TreeMap<Integer, ItemSnapshot> sentItems = new TreeMap<>();
        byte[] items = changed(baseline.items(), current.items(), ItemSnapshot::fields, ItemSnapshot.FIELDS, budget,
                sentItems);
        w.bytes(players).bytes(playersRemoved).bytes(items).bytes(itemsRemoved);
        return new Encoded(w.toByteArray(), new WorldSnapshot(current.match(), sentPlayers, sentItems));
    }

    public static Encoded encodeFull(WorldSnapshot current, int budgetBytes) {
        return encode(WorldSnapshot.EMPTY, current, budgetBytes);
    }

    /** Rebuilds the world from a baseline and a delta; empty when the bytes are malformed for that baseline. */
    public static Optional<WorldSnapshot> decode(WorldSnapshot baseline, byte[] bytes) {
        try {
            WireReader r = new WireReader(bytes);
            MatchInfo match = MatchInfo.of(readFields(r, baseline.match().fields()));
            TreeMap<Integer, PlayerSnapshot> players = readSection(r, baseline.players(), PlayerSnapshot::fields,
                    PlayerSnapshot.FIELDS, PlayerSnapshot::of);
            TreeMap<Integer, ItemSnapshot> items = readSection(r, baseline.items(), ItemSnapshot::fields,
                    ItemSnapshot.FIELDS, ItemSnapshot::of);
            r.expectEnd();
            return Optional.of(new WorldSnapshot(match, players, items));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void writeFields(WireWriter w, int[] base, int[] now) {
        int mask = 0;
        for (int i = 0; i < now.length; i++) {
            if (now[i] != base[i]) {
                mask |= 1 << i;
            }
        }
        w.varint(mask);
        for (int i = 0; i < now.length; i++) {
            if ((mask & (1 << i)) != 0) {
                w.svarint(now[i] - base[i]);
            }
        }
    }

    private static int[] readFields(WireReader r, int[] base) {
        int mask = r.varint();
        if ((mask & ~((1 << base.length) - 1)) != 0) {
            throw new MalformedPacketException("unknown field bits");
        }
        int[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            if ((mask & (1 << i)) != 0) {
                out[i] = base[i] + r.svarint();
            }
        }
        return out;
    }

    private static <T> byte[] changed(NavigableMap<Integer, T> baseline, NavigableMap<Integer, T> current,
                                      Function<T, int[]> fields, int fieldCount, int[] budget, Map<Integer, T> sent) {
        WireWriter entries = new WireWriter(512);
        int count = 0;
        int previous = -1;
        int[] zeros = new int[fieldCount];
        for (Map.Entry<Integer, T> e : current.entrySet()) {
            T base = baseline.get(e.getKey());
            // records compare by value without building field arrays: most entities did not change
            if (base != null && base.equals(e.getValue())) {
                sent.put(e.getKey(), e.getValue());
                continue;
            }
            int[] now = fields.apply(e.getValue());
            int[] from = base == null ? zeros : fields.apply(base);
            int before = entries.size();
            entries.varint(e.getKey() - previous - 1);
            writeFields(entries, from, now);
            int size = entries.size() - before;
            if (size > budget[0]) {
                entries.truncate(before);
                if (base != null) {
                    sent.put(e.getKey(), base); // the client keeps the old value until a later snapshot
                }
                continue;
            }
            budget[0] -= size;
            sent.put(e.getKey(), e.getValue());
            previous = e.getKey();
            count++;
        }
        return new WireWriter(entries.size() + 5).varint(count).bytes(entries.toByteArray()).toByteArray();
    }

    private static <T> byte[] removed(NavigableMap<Integer, T> baseline, NavigableMap<Integer, T> current) {
        List<Integer> gone = new ArrayList<>();
        for (Integer index : baseline.keySet()) {
            if (!current.containsKey(index)) {
                gone.add(index);
            }
        }
        WireWriter w = new WireWriter(8 + gone.size() * 2).varint(gone.size());
        int previous = -1;
        for (int index : gone) {
            w.varint(index - previous - 1);
            previous = index;
        }
        return w.toByteArray();
    }

    private static <T> TreeMap<Integer, T> readSection(WireReader r, NavigableMap<Integer, T> baseline,
                                                      Function<T, int[]> fields, int fieldCount,
                                                      BiFunction<Integer, int[], T> make) {
        TreeMap<Integer, T> out = new TreeMap<>(baseline);
        int changedCount = r.varint();
        if (changedCount < 0 || changedCount > r.remaining()) {
            throw new MalformedPacketException("bad entity count");
        }
        long index = -1;
        for (int i = 0; i < changedCount; i++) {
            index = nextIndex(r, index);
            T base = baseline.get((int) index);
            int[] from = base == null ? new int[fieldCount] : fields.apply(base);
            out.put((int) index, make.apply((int) index, readFields(r, from)));
        }
        int removedCount = r.varint();
        if (removedCount < 0 || removedCount > r.remaining()) {
            throw new MalformedPacketException("bad removed count");
        }
        index = -1;
        for (int i = 0; i < removedCount; i++) {
            index = nextIndex(r, index);
            if (!baseline.containsKey((int) index) || out.remove((int) index) != baseline.get((int) index)) {
                throw new MalformedPacketException("removed entity " + index + " was not in the baseline or changed");
            }
        }
        return out;
    }

    private static long nextIndex(WireReader r, long previous) {
        int gap = r.varint();
        long index = previous + 1 + (gap & 0xFFFF_FFFFL);
        if (gap < 0 || index > WorldSnapshot.MAX_INDEX) {
            throw new MalformedPacketException("entity index out of range");
        }
        return index;
    }
}
