package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.Aead;
import dev.skirmish.protocol.wire.Addresses;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the server needs to admit a player once its address is proven, sealed under a key that never leaves the
 * server process. Keeping it in the token instead of a table means a flood of spoofed requests allocates nothing.
 * The token's keys and the server's salt travel in it only sealed: nothing in a CHALLENGE_RESPONSE is a key.
 */
record ChallengeToken(InetSocketAddress clientAddress, long issuedAtMillis, long tokenExpiresAtSeconds,
                      String playerId, String playerName, byte[] clientToServerKey, byte[] serverToClientKey,
                      byte[] serverSalt) {

    byte[] seal(byte[] challengeKey, long challengeSequence) {
        WireWriter w = new WireWriter(256);
        Addresses.write(w, clientAddress);
        w.i64(issuedAtMillis).i64(tokenExpiresAtSeconds)
                .string(playerId, Protocol.MAX_ID_BYTES).string(playerName, Protocol.MAX_NAME_BYTES)
                .bytes(clientToServerKey).bytes(serverToClientKey).bytes(serverSalt);
        return Aead.seal(challengeKey, Aead.sequenceNonce(challengeSequence), Protocol.PROTOCOL_ID, w.toByteArray());
    }

    static Optional<ChallengeToken> open(byte[] challengeKey, long challengeSequence, byte[] sealed) {
        Optional<byte[]> plain = Aead.open(challengeKey, Aead.sequenceNonce(challengeSequence), Protocol.PROTOCOL_ID,
                sealed);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            WireReader r = new WireReader(plain.get());
            ChallengeToken t = new ChallengeToken(Addresses.read(r), r.i64(), r.i64(),
                    r.string(Protocol.MAX_ID_BYTES), r.string(Protocol.MAX_NAME_BYTES),
                    r.bytes(Protocol.KEY_BYTES), r.bytes(Protocol.KEY_BYTES), r.bytes(Protocol.SALT_BYTES));
            r.expectEnd();
            return Optional.of(t);
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }
}
