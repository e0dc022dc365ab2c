package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Arrays;

/**
 * Client → server, unencrypted outer layer: echoes the challenge sequence and token. The server needs no
 * per-address state to check it, because the token is sealed under the server's own challenge key and names the
 * address it was sent to.
 */
public record ChallengeResponse(long challengeSequence, byte[] challengeToken) implements Packet {
    public ChallengeResponse {
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
        w.i64(challengeSequence).u16(challengeToken.length).bytes(challengeToken);
    }

    public static ChallengeResponse read(WireReader r) {
        long seq = r.i64();
        int len = r.u16();
        if (len == 0 || len > Challenge.MAX_TOKEN_BYTES) {
            throw new MalformedPacketException("bad challenge token length");
        }
        ChallengeResponse c = new ChallengeResponse(seq, r.bytes(len));
        r.expectEnd();
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChallengeResponse other && challengeSequence == other.challengeSequence
                && Arrays.equals(challengeToken, other.challengeToken);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(challengeSequence) * 31 + Arrays.hashCode(challengeToken);
    }
}
