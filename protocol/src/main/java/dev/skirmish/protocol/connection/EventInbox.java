package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.NetEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Client side of reliable events: delivers each event once and in order, holding back events that arrive after a
 * gap (bounded), and tells what to acknowledge: the highest sequence received without a gap.
 */
public final class EventInbox {
    /** Events buffered beyond a gap; more than this and the newest are dropped (the server resends them). */
    public static final int MAX_PENDING = 256;
    private final TreeMap<Long, NetEvent> pending = new TreeMap<>();
    private long delivered;
    private boolean started;

    /**
     * Takes the events of one packet, returns those now deliverable, in order. A fresh inbox starts at the
     * oldest event of the first packet that has any: the server sends the oldest unacknowledged first, and
     * after a reconnect it continues the player's numbering instead of starting again at 1.
     */
    public List<NetEvent> accept(List<NetEvent> events) {
        if (!started && !events.isEmpty()) {
            started = true;
            delivered = events.stream().mapToLong(NetEvent::sequence).min().orElse(1) - 1;
        }
        for (NetEvent e : events) {
            if (e.sequence() > delivered && (pending.size() < MAX_PENDING || pending.containsKey(e.sequence()))) {
                pending.putIfAbsent(e.sequence(), e);
            }
        }
        List<NetEvent> ready = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstKey() == delivered + 1) {
            ready.add(pending.pollFirstEntry().getValue());
            delivered++;
        }
        return ready;
    }

    /** The ack to put in INPUT packets. */
    public long ack() {
        return delivered;
    }
}
