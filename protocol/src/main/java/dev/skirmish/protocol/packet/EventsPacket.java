package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.List;

/** Server → client, sealed: reliable events on their own, when they do not fit in (or wait for) a snapshot. */
public record EventsPacket(List<NetEvent> events) implements Packet {
    public static final int MAX_EVENTS = 64;

    public EventsPacket {
        events = List.copyOf(events);
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("1.." + MAX_EVENTS + " events per packet");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.EVENTS;
    }

    @Override
    public void writePayload(WireWriter w) {
        NetEvent.writeList(w, events);
    }

    public static EventsPacket read(WireReader r) {
        List<NetEvent> events = NetEvent.readList(r);
        r.expectEnd();
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new MalformedPacketException("bad event count");
        }
        return new EventsPacket(events);
    }
}
