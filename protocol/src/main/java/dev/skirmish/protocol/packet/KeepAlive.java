package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;

/**
 * Either direction, sealed. From the server it also confirms the connection and tells the client its player
 * slot; the client echoes its slot.
 */
public record KeepAlive(int playerIndex, int maxPlayers) implements Packet {
    public KeepAlive {
        if (playerIndex < 0 || playerIndex > 0xFFFF || maxPlayers < 0 || maxPlayers > 0xFFFF) {
            throw new IllegalArgumentException("playerIndex/maxPlayers out of u16 range");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.KEEP_ALIVE;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.u16(playerIndex).u16(maxPlayers);
    }

    public static KeepAlive read(WireReader r) {
        int index = r.u16();
        int max = r.u16();
        r.expectEnd();
        if (max != 0 && index >= max) {
            throw new MalformedPacketException("player index beyond max players");
        }
        return new KeepAlive(index, max);
    }
}
