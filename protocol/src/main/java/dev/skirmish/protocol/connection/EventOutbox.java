package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.NetEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Server side of reliable events for one player: numbers them, keeps them until the client's ack covers them,
 * and hands out the unacknowledged ones for every outgoing snapshot. Resending on every send tick (not on a
 * timer) is what makes hits and deaths survive loss at the cost of a few bytes.
 */
public final class EventOutbox {
    /** Unacknowledged events kept; beyond this the player is too far behind and {@link #overflowed()} is set. */
    public static final int MAX_UNACKED = 1024;
    private final Deque<NetEvent> unacked = new ArrayDeque<>();
    private long nextSequence = 1;
    private boolean overflowed;

    public NetEvent add(int kind, byte[] data) {
        NetEvent e = new NetEvent(nextSequence++, kind, data);
        if (unacked.size() >= MAX_UNACKED) {
            overflowed = true;
            unacked.pollFirst();
        }
        unacked.addLast(e);
        return e;
    }

    /** Drops everything up to and including {@code ackSequence}; acks from the future are ignored. */
    public void acknowledge(long ackSequence) {
        if (ackSequence >= nextSequence) {
            return;
        }
        while (!unacked.isEmpty() && unacked.peekFirst().sequence() <= ackSequence) {
            unacked.pollFirst();
        }
    }

    /** The oldest unacknowledged events, at most {@code maxCount} of them and {@code maxBytes} on the wire. */
    public List<NetEvent> pending(int maxCount, int maxBytes) {
        List<NetEvent> out = new ArrayList<>();
        int bytes = 0;
        for (NetEvent e : unacked) {
            if (out.size() >= maxCount || bytes + e.wireBytes() > maxBytes) {
                break;
            }
            out.add(e);
            bytes += e.wireBytes();
        }
        return out;
    }

    public int unackedCount() {
        return unacked.size();
    }

    /**
     * True once events were discarded unacknowledged: the client that was meant to get them can no longer be
     * consistent (the game server disconnects it with {@code TOO_FAR_BEHIND}).
     */
    public boolean overflowed() {
        return overflowed;
    }

    /**
     * A new client takes over (a reconnection): it starts delivering from the oldest event still kept, so what
     * was discarded before no longer leaves a gap for it.
     */
    public void clearOverflow() {
        overflowed = false;
    }
}
