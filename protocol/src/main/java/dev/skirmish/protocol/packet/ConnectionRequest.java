package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * Client → server, unencrypted: only what the server needs to open the token's private part (its expiry, nonce and
 * the sealed bytes), never the token's public keys, zero-padded so the datagram is exactly
 * {@link Protocol#MAX_PACKET_BYTES}. Every pre-connection reply is smaller, so the server cannot be used as an
 * amplifier against a spoofed source address.
 *
 * @param expiresAtSeconds the token's expiry (Unix seconds); part of the private part's associated data
 * @param tokenNonce       the nonce the private part was sealed with
 * @param privatePart      the sealed private part, copied from the token unchanged
 */
public record ConnectionRequest(long expiresAtSeconds, byte[] tokenNonce, byte[] privatePart) implements Packet {
    /** type (1) + PROTOCOL_ID (8) + expiry (8) + nonce (12) + private length (2). */
    public static final int HEADER_BYTES = 1 + 8 + 8 + Protocol.NONCE_BYTES + 2;

    public ConnectionRequest {
        if (tokenNonce == null || tokenNonce.length != Protocol.NONCE_BYTES) {
            throw new IllegalArgumentException("token nonce must be " + Protocol.NONCE_BYTES + " bytes");
        }
        if (privatePart == null || privatePart.length < Protocol.TAG_BYTES
                || privatePart.length > ConnectToken.MAX_PRIVATE_BYTES) {
            throw new IllegalArgumentException("private part must be " + Protocol.TAG_BYTES + ".."
                    + ConnectToken.MAX_PRIVATE_BYTES + " bytes");
        }
        tokenNonce = tokenNonce.clone();
        privatePart = privatePart.clone();
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECTION_REQUEST;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.bytes(Protocol.PROTOCOL_ID).i64(expiresAtSeconds).bytes(tokenNonce).u16(privatePart.length)
                .bytes(privatePart);
        w.zeros(Protocol.MAX_PACKET_BYTES - w.size()); // w already holds the type byte
    }

    /**
     * True when a datagram has the one size a request may have and carries this protocol's id: the check that
     * costs nothing, made before a request is charged to any budget.
     */
    public static boolean hasRequestShape(byte[] data, int offset, int length) {
        if (length != Protocol.MAX_PACKET_BYTES || offset < 0 || offset + length > data.length) {
            return false;
        }
        return Arrays.equals(data, offset + 1, offset + 1 + Protocol.PROTOCOL_ID.length,
                Protocol.PROTOCOL_ID, 0, Protocol.PROTOCOL_ID.length);
    }

    /** Reads the payload; {@code totalLength} is the whole datagram's size, which must be exactly 1200. */
    public static ConnectionRequest read(WireReader r, int totalLength) {
        if (totalLength != Protocol.MAX_PACKET_BYTES) {
            throw new MalformedPacketException("connection request must be " + Protocol.MAX_PACKET_BYTES + " bytes");
        }
        if (!Arrays.equals(r.bytes(Protocol.PROTOCOL_ID.length), Protocol.PROTOCOL_ID)) {
            throw new MalformedPacketException("unknown protocol id");
        }
        long expires = r.i64();
        byte[] nonce = r.bytes(Protocol.NONCE_BYTES);
        int len = r.u16();
        if (len < Protocol.TAG_BYTES || len > ConnectToken.MAX_PRIVATE_BYTES) {
            throw new MalformedPacketException("bad private part length");
        }
        byte[] priv = r.bytes(len);
        while (r.remaining() > 0) {
            if (r.u8() != 0) {
                throw new MalformedPacketException("padding must be zero");
            }
        }
        return new ConnectionRequest(expires, nonce, priv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionRequest other && expiresAtSeconds == other.expiresAtSeconds
                && Arrays.equals(tokenNonce, other.tokenNonce) && Arrays.equals(privatePart, other.privatePart);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(expiresAtSeconds) * 31 + Arrays.hashCode(tokenNonce)) * 31 + Arrays.hashCode(privatePart);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + privatePart.length + " private bytes, expires " + expiresAtSeconds + "]";
    }
}
