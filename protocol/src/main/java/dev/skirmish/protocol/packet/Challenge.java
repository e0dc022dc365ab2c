package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * Server → client (sealed with the token's server-to-client key): the server's salt for this connection's keys and
 * an opaque challenge token the client must echo in CHALLENGE_RESPONSE from the same address. The token is sealed
 * under a key only the server knows.
 */
public record Challenge(long challengeSequence, byte[] serverSalt, byte[] challengeToken) implements Packet {
    /** Upper bound on the sealed challenge token, far below the 1200-byte request that triggers it. */
    public static final int MAX_TOKEN_BYTES = 400;

    public Challenge {
        if (serverSalt == null || serverSalt.length != Protocol.SALT_BYTES) {
            throw new IllegalArgumentException("server salt must be " + Protocol.SALT_BYTES + " bytes");
        }
        if (challengeToken == null || challengeToken.length == 0 || challengeToken.length > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("challenge token must be 1.." + MAX_TOKEN_BYTES + " bytes");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CHALLENGE;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.i64(challengeSequence).bytes(serverSalt).u16(challengeToken.length).bytes(challengeToken);
    }

    public static Challenge read(WireReader r) {
        long seq = r.i64();
        byte[] salt = r.bytes(Protocol.SALT_BYTES);
        int len = r.u16();
        if (len == 0 || len > MAX_TOKEN_BYTES) {
            throw new MalformedPacketException("bad challenge token length");
        }
        Challenge c = new Challenge(seq, salt, r.bytes(len));
        r.expectEnd();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Challenge other && challengeSequence == other.challengeSequence
                && Arrays.equals(serverSalt, other.serverSalt) && Arrays.equals(challengeToken, other.challengeToken);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(challengeSequence) * 31 + Arrays.hashCode(challengeToken);
    }

    @Override
    public String toString() {
        return "Challenge[" + challengeSequence + "]"; // the salt stays out of logs
    }
}
