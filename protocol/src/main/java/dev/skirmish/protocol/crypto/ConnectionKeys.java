package dev.skirmish.protocol.crypto;

import dev.skirmish.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one connection, derived from the token's two keys and two random salts, one chosen by each side for
 * this connection: the server's travels sealed in CHALLENGE, the client's in CHALLENGE_RESPONSE. Because each side's
 * sending key depends on randomness that side chose just now, a side never seals under a key it used before, whatever
 * its clock says and however often the token is reused; so both can count sequences from 0.
 *
 * <p>Each key is HKDF-Expand (RFC 5869) with SHA-256, one block: {@code HMAC-SHA256(token_key, info || 0x01)} where
 * {@code info = PROTOCOL_ID || label || server_salt || client_salt} and label is the ASCII {@code "c2s"} or
 * {@code "s2c"}. The token keys are uniformly random, so they serve as the pseudorandom key directly.
 */
public record ConnectionKeys(byte[] clientToServer, byte[] serverToClient) {
    private static final byte[] C2S = "c2s".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] S2C = "s2c".getBytes(StandardCharsets.US_ASCII);

    public static ConnectionKeys derive(byte[] tokenClientToServer, byte[] tokenServerToClient, byte[] serverSalt,
                                        byte[] clientSalt) {
        return new ConnectionKeys(expand(tokenClientToServer, C2S, serverSalt, clientSalt),
                expand(tokenServerToClient, S2C, serverSalt, clientSalt));
    }

    static byte[] expand(byte[] key, byte[] label, byte[] serverSalt, byte[] clientSalt) {
        if (key == null || key.length != Protocol.KEY_BYTES) {
            throw new IllegalArgumentException("key must be " + Protocol.KEY_BYTES + " bytes");
        }
        if (serverSalt == null || serverSalt.length != Protocol.SALT_BYTES
                || clientSalt == null || clientSalt.length != Protocol.SALT_BYTES) {
            throw new IllegalArgumentException("salts must be " + Protocol.SALT_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(Protocol.PROTOCOL_ID);
            mac.update(label);
            mac.update(serverSalt);
            mac.update(clientSalt);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionKeys k && Arrays.equals(clientToServer, k.clientToServer)
                && Arrays.equals(serverToClient, k.serverToClient);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(clientToServer) * 31 + Arrays.hashCode(serverToClient);
    }

    @Override
    public String toString() {
        return "ConnectionKeys[...]"; // keys stay out of logs
    }
}
