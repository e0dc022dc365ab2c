package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.Denied;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.packet.SnapshotPacket;
import java.util.List;

/** What the connection layer tells a client game. */
public sealed interface ClientEvent {
    record Connected(int playerIndex, int maxPlayers) implements ClientEvent {
    }

    /** A snapshot; its reliable events were already taken out and are delivered as {@link EventsReceived}. */
    record SnapshotReceived(SnapshotPacket snapshot) implements ClientEvent {
    }

    /** New reliable events in sequence order, each delivered once. */
    record EventsReceived(List<NetEvent> events) implements ClientEvent {
    }

    record Refused(Denied.Reason reason) implements ClientEvent {
    }

    record Disconnected(Disconnect.Reason reason) implements ClientEvent {
    }
}
