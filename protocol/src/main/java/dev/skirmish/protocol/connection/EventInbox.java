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

    /** Takes the events of one packet, returns those now deliverable, in order. */
    public List<NetEvent> accept(List<NetEvent> events) {
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
