package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * Client → server, unencrypted outer layer: echoes the challenge sequence and token, and carries the client's salt
 * for this connection's keys (not a secret: the keys also need the token's keys). The server needs no
 * per-address state to check it, because the token is sealed under the server's own challenge key and names the
 * address it was sent to.
 */
public record ChallengeResponse(long challengeSequence, byte[] clientSalt, byte[] challengeToken) implements Packet {
    /** Shortest datagram: type, sequence, salt, length and a 1-byte token. */
    public static final int MIN_BYTES = 1 + 8 + Protocol.SALT_BYTES + 2 + 1;
    /** Longest datagram, with the largest challenge token. */
    public static final int MAX_BYTES = MIN_BYTES - 1 + Challenge.MAX_TOKEN_BYTES;

    public ChallengeResponse {
        if (clientSalt == null || clientSalt.length != Protocol.SALT_BYTES) {
            throw new IllegalArgumentException("client salt must be " + Protocol.SALT_BYTES + " bytes");
        }
        if (challengeToken == null || challengeToken.length == 0 || challengeToken.length > Challenge.MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("challenge token must be 1.." + Challenge.MAX_TOKEN_BYTES + " bytes");
        }
    }

    @Override
    public PacketType type() {
        return PacketType.CHALLENGE_RESPONSE;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.i64(challengeSequence).bytes(clientSalt).u16(challengeToken.length).bytes(challengeToken);
    }

    public static ChallengeResponse read(WireReader r) {
        long seq = r.i64();
        byte[] salt = r.bytes(Protocol.SALT_BYTES);
        int len = r.u16();
        if (len == 0 || len > Challenge.MAX_TOKEN_BYTES) {
            throw new MalformedPacketException("bad challenge token length");
        }
        ChallengeResponse c = new ChallengeResponse(seq, salt, r.bytes(len));
        r.expectEnd();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeResponse other && challengeSequence == other.challengeSequence
                && Arrays.equals(clientSalt, other.clientSalt) && Arrays.equals(challengeToken, other.challengeToken);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(challengeSequence) * 31 + Arrays.hashCode(challengeToken);
    }
}
