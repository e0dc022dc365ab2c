package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * Client → server, unencrypted: the binary connect token, zero-padded so the datagram is exactly
 * {@link Protocol#MAX_PACKET_BYTES}. Every pre-connection reply is smaller, so the server cannot be used as an
 * amplifier against a spoofed source address.
 */
public record ConnectionRequest(byte[] token) implements Packet {
    public ConnectionRequest {
        if (token == null || token.length == 0 || token.length > ConnectToken.MAX_BYTES) {
            throw new IllegalArgumentException("token must be 1.." + ConnectToken.MAX_BYTES + " bytes");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECTION_REQUEST;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.bytes(Protocol.PROTOCOL_ID).u16(token.length).bytes(token);
        w.zeros(Protocol.MAX_PACKET_BYTES - w.size()); // w already holds the type byte
    }

    /** Reads the payload; {@code totalLength} is the whole datagram's size, which must be exactly 1200. */
    public static ConnectionRequest read(WireReader r, int totalLength) {
        if (totalLength != Protocol.MAX_PACKET_BYTES) {
            throw new MalformedPacketException("connection request must be " + Protocol.MAX_PACKET_BYTES + " bytes");
        }
        if (!Arrays.equals(r.bytes(Protocol.PROTOCOL_ID.length), Protocol.PROTOCOL_ID)) {
            throw new MalformedPacketException("unknown protocol id");
        }
        int len = r.u16();
        if (len == 0 || len > ConnectToken.MAX_BYTES) {
            throw new MalformedPacketException("bad token length");
        }
        byte[] token = r.bytes(len);
        while (r.remaining() > 0) {
            if (r.u8() != 0) {
                throw new MalformedPacketException("padding must be zero");
            }
        }
        return new ConnectionRequest(token);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionRequest other && Arrays.equals(token, other.token);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + token.length + " token bytes]";
    }
}
