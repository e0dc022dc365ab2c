package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.snapshot.EntityLayout.Frame;
import dev.skirmish.protocol.wire.BitReader;
import dev.skirmish.protocol.wire.BitWriter;
import dev.skirmish.protocol.wire.MalformedPacketException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bit-packed delta encoding of {@link WorldSnapshot}s against a baseline the client acknowledged
 * ({@link WorldSnapshot#EMPTY} for a full snapshot). Layout (docs/protocol.md "Snapshot state"): the match
 * fields, then the player section, then the item section; each section lists the entities that differ from their
 * baseline carried forward to this tick ({@link Motion}): index gap, change mask, the masked fields coded per
 * {@link Layouts}; then removed indexes. Entities that did not change, and players that kept running or falling as
 * predicted, cost nothing.
 */
public final class SnapshotCodec {
    private static final FieldCode COUNT = FieldCode.unsigned(7, 32);
    private static final FieldCode REMOVED = FieldCode.unsigned(0, 7, 16, 32);
    private static final FieldCode GAP = FieldCode.unsigned(4, 8, 16, 32);
    /** Worst case of the two entity counts plus padding, reserved before any entity is placed. */
    private static final int RESERVED_BITS = 2 * 33 + 7;

    private SnapshotCodec() {
    }

    /**
     * The bytes, and the world the client will hold after decoding them: when the budget is too small for every
     * change, the left-out entities keep their baseline value carried forward there, and the next delta (against
     * this state) carries them. Servers must store {@code sent}, not the full world, as the future baseline.
     */
    public record Encoded(byte[] bytes, WorldSnapshot sent) {
    }

    /**
     * A thread's bit writers for {@link #encode}, reused for every snapshot it encodes (the server encodes a few per
     * tick per match, each with seven writers); only the copy made by {@code toByteArray} leaves the method.
     */
    private static final class Scratch {
        final BitWriter world = new BitWriter(1200);
        final BitWriter playersRemoved = new BitWriter(64);
        final BitWriter itemsRemoved = new BitWriter(64);
        final BitWriter playerEntries = new BitWriter(1200);
        final BitWriter players = new BitWriter(1200);
        final BitWriter itemEntries = new BitWriter(1200);
        final BitWriter items = new BitWriter(1200);
        /** An entity's carried-forward baseline and current fields, refilled for every entity compared. */
        final int[] playerFrom = new int[Layouts.PLAYER.count()];
        final int[] playerNow = new int[Layouts.PLAYER.count()];
        final int[] itemFrom = new int[Layouts.ITEM.count()];
        final int[] itemNow = new int[Layouts.ITEM.count()];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    public static Encoded encode(WorldSnapshot baseline, WorldSnapshot current, int budgetBytes) {
        Scratch scratch = SCRATCH.get();
        BitWriter w = scratch.world.reset();
        Layouts.MATCH.write(w, baseline.match().fields(), current.match().fields(), Frame.NONE);
        Frame frame = frame(baseline.match(), current.match());
        // removed lists are tiny and must go out (a stale entity would never be corrected): size them first
        BitWriter playersRemoved = removed(baseline.players(), current.players(), scratch.playersRemoved.reset());
        BitWriter itemsRemoved = removed(baseline.items(), current.items(), scratch.itemsRemoved.reset());
        long reserve = w.bitSize() + playersRemoved.bitSize() + itemsRemoved.bitSize() + RESERVED_BITS;
        if (reserve > budgetBytes * 8L) {
            throw new IllegalArgumentException("budget of " + budgetBytes + " bytes cannot hold a snapshot");
        }
        long[] budget = {budgetBytes * 8L - reserve};
        BitWriter players = scratch.players.reset();
        TreeMap<Integer, PlayerSnapshot> sentPlayers = changed(Layouts.PLAYER, baseline.players(), current.players(),
                frame, budget, scratch.playerEntries.reset(), players, scratch.playerFrom, scratch.playerNow);
        BitWriter items = scratch.items.reset();
        TreeMap<Integer, ItemSnapshot> sentItems = changed(Layouts.ITEM, baseline.items(), current.items(), frame,
                budget, scratch.itemEntries.reset(), items, scratch.itemFrom, scratch.itemNow);
        w.append(players).append(playersRemoved).append(items).append(itemsRemoved);
        // everything fitted (the usual case): the client will hold exactly the current world, so that is the
        // baseline to keep, not a copy of it; players acking it then also share one baseline object
        WorldSnapshot sent = sentPlayers == null && sentItems == null ? current
                : new WorldSnapshot(current.match(), sentPlayers == null ? current.players() : sentPlayers,
                        sentItems == null ? current.items() : sentItems);
        return new Encoded(w.toByteArray(), sent);
    }

    public static Encoded encodeFull(WorldSnapshot current, int budgetBytes) {
        return encode(WorldSnapshot.EMPTY, current, budgetBytes);
    }

    /** Rebuilds the world from a baseline and a delta; empty when the bytes are malformed for that baseline. */
    public static Optional<WorldSnapshot> decode(WorldSnapshot baseline, byte[] bytes) {
        try {
            BitReader r = new BitReader(bytes);
            MatchInfo match = Layouts.MATCH.make().apply(0,
                    Layouts.MATCH.read(r, baseline.match().fields(), Frame.NONE));
            Frame frame = frame(baseline.match(), match);
            TreeMap<Integer, PlayerSnapshot> players = readSection(r, Layouts.PLAYER, baseline.players(), frame);
            TreeMap<Integer, ItemSnapshot> items = readSection(r, Layouts.ITEM, baseline.items(), frame);
            r.expectEnd();
            return Optional.of(new WorldSnapshot(match, players, items));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Frame frame(MatchInfo baseline, MatchInfo current) {
        return new Frame(current.tick(), current.tick() - baseline.tick(), current.tickRate());
    }

    /**
     * Writes the changed entities of one section into {@code out}; returns what the client will hold for this
     * section when it differs from {@code current} (an entity left out for the budget), else null. {@code from}
     * and {@code now} are the caller's scratch ({@code layout}'s field count long): comparing the entities of every
     * encode used to cost three new field arrays each.
     */
    private static <T> TreeMap<Integer, T> changed(EntityLayout<T> layout, NavigableMap<Integer, T> baseline,
                                                  NavigableMap<Integer, T> current, Frame frame, long[] budget,
                                                  BitWriter entries, BitWriter out, int[] from, int[] now) {
        TreeMap<Integer, T> sent = null; // made at the first entity left out: until then it is current's head
        int count = 0;
        int previous = -1;
        for (T value : current.values()) { // keys are the entities' indexes (WorldSnapshot checks it)
            int key = layout.index().applyAsInt(value);
            T base = baseline.get(key);
            layout.predictInto(base, frame, from);
            layout.fieldsInto().into(value, now);
            if (base != null && Arrays.equals(from, now)) {
                if (sent != null) {
                    sent.put(key, value);
                }
                continue;
            }
            long before = entries.bitSize();
            int gap = key - previous - 1;
            entries.bit(gap != 0);
            if (gap != 0) {
                GAP.write(entries, gap);
            }
            layout.write(entries, from, now, frame);
            long size = entries.bitSize() - before;
            if (size > budget[0]) {
                entries.truncate(before);
                if (sent == null) {
                    sent = WorldSnapshot.handOver();
                    sent.putAll(current.headMap(key, false));
                }
                if (base != null) {
                    sent.put(key, layout.make().apply(key, from)); // what the client carries forward
                }
                continue;
            }
            budget[0] -= size;
            if (sent != null) {
                sent.put(key, value);
            }
            previous = key;
            count++;
        }
        COUNT.write(out, count);
        out.append(entries);
        return sent;
    }

    private static <T> BitWriter removed(NavigableMap<Integer, T> baseline, NavigableMap<Integer, T> current,
                                         BitWriter w) {
        int gone = 0; // counted first, then listed: no list of the (almost always zero) removed indexes
        for (Integer index : baseline.keySet()) {
            if (!current.containsKey(index)) {
                gone++;
            }
        }
        REMOVED.write(w, gone);
        if (gone == 0) {
            return w;
        }
        int previous = -1;
        for (Integer index : baseline.keySet()) {
            if (!current.containsKey(index)) {
                GAP.write(w, index - previous - 1);
                previous = index;
            }
        }
        return w;
    }

    private static <T> TreeMap<Integer, T> readSection(BitReader r, EntityLayout<T> layout,
                                                      NavigableMap<Integer, T> baseline, Frame frame) {
        TreeMap<Integer, T> out = WorldSnapshot.handOver();
        for (Map.Entry<Integer, T> e : baseline.entrySet()) {
            out.put(e.getKey(), layout.make().apply(e.getKey(), layout.predict(e.getValue(), frame)));
        }
        int changedCount = COUNT.read(r);
        if (changedCount < 0 || changedCount > r.remainingBits()) {
            throw new MalformedPacketException("bad entity count");
        }
        Set<Integer> listed = new HashSet<>();
        long index = -1;
        for (int i = 0; i < changedCount; i++) {
            index = r.bit() ? nextIndex(index, GAP.read(r)) : nextIndex(index, 0);
            T base = baseline.get((int) index);
            out.put((int) index, layout.make().apply((int) index, layout.read(r, layout.predict(base, frame), frame)));
            listed.add((int) index);
        }
        int removedCount = REMOVED.read(r);
        if (removedCount < 0 || removedCount > r.remainingBits()) {
            throw new MalformedPacketException("bad removed count");
        }
        index = -1;
        for (int i = 0; i < removedCount; i++) {
            index = nextIndex(index, GAP.read(r));
            if (!baseline.containsKey((int) index) || listed.contains((int) index)) {
                throw new MalformedPacketException("removed entity " + index + " was not in the baseline or changed");
            }
            out.remove((int) index);
        }
        return out;
    }

    private static long nextIndex(long previous, int gap) {
        long index = previous + 1 + (gap & 0xFFFF_FFFFL);
        if (index > WorldSnapshot.MAX_INDEX) {
            throw new MalformedPacketException("entity index out of range");
        }
        return index;
    }
}
