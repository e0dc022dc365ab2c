package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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

    private final Deque<InputFrame> queue = new ArrayDeque<>();
    private long lastQueued;
    private long lastApplied;
    private long dropped;
    private long missed;
    private int farAheadPackets;

    /** Queues the new inputs of a packet; returns how many were new. */
    public int offer(InputPacket packet) {
        List<InputFrame> frames = packet.inputs(); // newest first
        if (packet.newestSequence() > Math.max(lastApplied, lastQueued) + MAX_AHEAD) {
            if (++farAheadPackets < RESYNC_AFTER) {
                dropped += frames.size();
                return 0;
            }
            lastQueued = frames.getLast().sequence() - 1; // the gap shows up in missed() when the next is applied
        }
        farAheadPackets = 0;
        int added = 0;
        for (int i = frames.size() - 1; i >= 0; i--) {
            InputFrame f = frames.get(i);
            if (f.sequence() > lastQueued && f.sequence() > lastApplied) {
                queue.addLast(f);
                lastQueued = f.sequence();
                added++;
            }
        }
        while (queue.size() > MAX_QUEUED) {
            InputFrame skipped = queue.pollFirst();
            advanceTo(skipped.sequence());
            dropped++;
        }
        return added;
    }

    /** The input to apply this tick, if any arrived (else the game repeats the previous one or idles). */
    public Optional<InputFrame> poll() {
        InputFrame f = queue.pollFirst();
        if (f == null) {
            return Optional.empty();
        }
        advanceTo(f.sequence());
        return Optional.of(f);
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
        return queue.size();
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
