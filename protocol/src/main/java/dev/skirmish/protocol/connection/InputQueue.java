package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.InputView;
import java.util.Optional;

/**
 * Server side, one per player: turns redundant INPUT packets into at most one new input per tick. Inputs already
 * queued or applied are ignored (redundant copies, stale packets); a packet claiming inputs too far ahead of what
 * was applied is ignored whole (a client cannot bank inputs); the queue holds at most {@link #MAX_QUEUED}, the small
 * credit that absorbs jitter, and drops the oldest beyond it so a player never lags behind its own inputs.
 */
public final class InputQueue {
    /** Inputs waiting to be applied; also the most a bursty client can be ahead. */
    public static final int MAX_QUEUED = 4;
    /** A packet whose newest input is further ahead than this (in ticks) of the last applied one is refused. */
    public static final int MAX_AHEAD = 120;
    /**
     * Consecutive too-far-ahead packets after which the queue believes the client: it really is that far on, because
     * an outage longer than {@link #MAX_AHEAD} ticks lost every copy of the inputs in between (counted as
     * {@link #missed()}). Without this a 3 s blackout would leave the player's inputs refused for the rest of the
     * match; with it a stray far-future packet is still refused, and the credit still bounds what is queued.
     */
    public static final int RESYNC_AFTER = 8;

    /** Ring capacity: the credit plus one packet's frames before the oldest are dropped, rounded up to 2^n. */
    private static final int RING = 16;
    /*
     * The queued frames as primitives in a ring, not a deque of records: the server polls one and offers a packet of
     * up to 8 per player and tick, and the records and Optionals were garbage on every one of them.
     */
    private final long[] sequences = new long[RING];
    private final int[] buttons = new int[RING];
    private int head;
    private int size;
    private final InputView recordScratch = new InputView();
    private long lastQueued;
    private long lastApplied;
    private long dropped;
    private long missed;
    private int farAheadPackets;

    /** Queues the new inputs of a packet; returns how many were new. */
    public int offer(InputPacket packet) {
        return offer(recordScratch.set(packet));
    }

    /** As {@link #offer(InputPacket)}, from a decoded payload (the server's receive path). */
    public int offer(InputView packet) {
        int n = packet.count(); // newest first
        if (n == 0) {
            return 0;
        }
        if (packet.sequence(0) > Math.max(lastApplied, lastQueued) + MAX_AHEAD) {
            if (++farAheadPackets < RESYNC_AFTER) {
                dropped += n;
                return 0;
            }
            lastQueued = packet.sequence(n - 1) - 1; // the gap shows up in missed() when the next is applied
        }
        farAheadPackets = 0;
        int added = 0;
        for (int i = n - 1; i >= 0; i--) {
            long sequence = packet.sequence(i);
            if (sequence > lastQueued && sequence > lastApplied) {
                int at = (head + size) & (RING - 1);
                sequences[at] = sequence;
                buttons[at] = packet.buttons(i);
                size++;
                lastQueued = sequence;
                added++;
            }
        }
        while (size > MAX_QUEUED) {
            advanceTo(sequences[head]);
            head = (head + 1) & (RING - 1);
            size--;
            dropped++;
        }
        return added;
    }

    /** The input to apply this tick, if any arrived (else the game repeats the previous one or idles). */
    public Optional<InputFrame> poll() {
        long packed = pollPacked();
        return packed < 0 ? Optional.empty() : Optional.of(new InputFrame(packed >>> 8, (int) (packed & 0xFF)));
    }

    /**
     * As {@link #poll()} without a record: the frame as {@code sequence << 8 | buttons}, or -1 when none arrived
     * (the tick thread polls every player every tick).
     */
    public long pollPacked() {
        if (size == 0) {
            return -1;
        }
        long sequence = sequences[head];
        int b = buttons[head];
        head = (head + 1) & (RING - 1);
        size--;
        advanceTo(sequence);
        return sequence << 8 | b;
    }

    private void advanceTo(long sequence) {
        if (sequence > lastApplied + 1) {
            missed += sequence - lastApplied - 1; // every copy of these was lost: redundancy did not cover them
        }
        lastApplied = Math.max(lastApplied, sequence);
    }

    /** For SNAPSHOT's "last input applied": what client prediction replays from. */
    public long lastApplied() {
        return lastApplied;
    }

    public int size() {
        return size;
    }

    /**
     * Inputs never applied because no copy arrived before a later one was applied or skipped: the network lost every
     * redundant copy, or reordering brought them too late.
     */
    public long missed() {
        return missed;
    }

    /** Starts {@link #missed()} and {@link #dropped()} from 0 (a benchmark's warm-up is over). */
    public void resetCounters() {
        missed = 0;
        dropped = 0;
    }

    /** Inputs thrown away (too far ahead, or over the credit). */
    public long dropped() {
        return dropped;
    }
}
