package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.NetEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Server side of reliable events for one player: numbers them, keeps them until the client's ack covers them,
 * and picks the ones to ride along in each outgoing snapshot. An event goes out in the first snapshot with room
 * for it and again every {@link #RESEND_AFTER_SENDS} snapshots until acked, so loss is repaired without the
 * same unacked events filling every packet (which would cap the event rate at one budget per round trip). The
 * oldest unacknowledged event rides in every snapshot: a client that starts listening (a new connection) sees
 * the oldest kept event in its first packet and starts delivering there.
 */
public final class EventOutbox {
    /** Unacknowledged events kept; beyond this the player is too far behind and {@link #overflowed()} is set. */
    public static final int MAX_UNACKED = 1024;
    /**
     * An unacknowledged event is sent again this many snapshots after it was last sent: 200 ms at 20 snapshots/s,
     * so round trips up to ~150 ms repair loss without sending anything twice.
     */
    public static final int RESEND_AFTER_SENDS = 4;
    private final Deque<Entry> unacked = new ArrayDeque<>();
    private long nextSequence = 1;
    private long sends;
    private boolean overflowed;

    /** An event and the number of the snapshot that last carried it (0 = never sent). */
    private static final class Entry {
        final NetEvent event;
        long sentAt;

        Entry(NetEvent event) {
            this.event = event;
        }
    }

    public NetEvent add(int kind, byte[] data) {
        NetEvent e = new NetEvent(nextSequence++, kind, data);
        if (unacked.size() >= MAX_UNACKED) {
            overflowed = true;
            unacked.pollFirst();
        }
        unacked.addLast(new Entry(e));
        return e;
    }

    /** Drops everything up to and including {@code ackSequence}; acks from the future are ignored. */
    public void acknowledge(long ackSequence) {
        if (ackSequence >= nextSequence) {
            return;
        }
        while (!unacked.isEmpty() && unacked.peekFirst().event.sequence() <= ackSequence) {
            unacked.pollFirst();
        }
    }

    /**
     * The events for the next snapshot, in sequence order, at most {@code maxCount} of them and {@code maxBytes} on
     * the wire: always the oldest unacknowledged, then those never sent or not sent for {@link #RESEND_AFTER_SENDS}
     * snapshots. Each call counts as one snapshot sent.
     */
    public List<NetEvent> pending(int maxCount, int maxBytes) {
        long now = ++sends;
        List<NetEvent> out = List.of(); // made once something is due: most sends have nothing to carry
        int bytes = 0;
        boolean oldest = true;
        for (Entry e : unacked) {
            if (out.size() >= maxCount) {
                break;
            }
            boolean due = oldest || e.sentAt == 0 || now - e.sentAt >= RESEND_AFTER_SENDS;
            oldest = false;
            if (!due) {
                continue;
            }
            if (bytes + e.event.wireBytes() > maxBytes) {
                break;
            }
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            out.add(e.event);
            bytes += e.event.wireBytes();
            e.sentAt = now;
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
     * A new client takes over (a reconnection): everything kept is due again, oldest first, and the events
     * discarded before no longer leave a gap, since the new client starts from the oldest one kept.
     */
    public void newClient() {
        overflowed = false;
        for (Entry e : unacked) {
            e.sentAt = 0;
        }
    }
}
