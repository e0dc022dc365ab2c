package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import java.util.Arrays;

/**
 * Rejects duplicated and too-old sequence numbers of one direction of one connection (netcode.io style):
 * slot {@code seq % 256} remembers the newest sequence seen in it. Call {@link #accept} only after the packet
 * authenticated, so forged packets cannot poison the window. Not thread-safe: one per connection and direction.
 */
public final class ReplayWindow {
    private static final long EMPTY = -1;
    private final long[] seen = new long[Protocol.REPLAY_WINDOW];
    private long newest = -1;

    public ReplayWindow() {
        Arrays.fill(seen, EMPTY);
    }

    /** True when {@code sequence} would be accepted (fresh and not too old), without recording it. */
    public boolean isFresh(long sequence) {
        if (sequence < 0) {
            return false;
        }
        if (newest >= 0 && sequence + Protocol.REPLAY_WINDOW <= newest) {
            return false;
        }
        long slot = seen[(int) (sequence % Protocol.REPLAY_WINDOW)];
        return slot == EMPTY || slot < sequence;
    }

    /** Records {@code sequence}; false (and nothing recorded) when it is a duplicate or too old. */
    public boolean accept(long sequence) {
        if (!isFresh(sequence)) {
            return false;
        }
        seen[(int) (sequence % Protocol.REPLAY_WINDOW)] = sequence;
        newest = Math.max(newest, sequence);
        return true;
    }

    public long newest() {
        return newest;
    }
}
