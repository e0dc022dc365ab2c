package dev.skirmish.protocol.token;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.Aead;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.wire.Addresses;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and opens connect tokens (netcode.io style). The orchestrator holds the session key and issues one token
 * per player; the game server, launched with the same key, opens them. Clients only read the public part.
 */
public final class ConnectTokens {
    /** Seconds of silence after which the server drops a connection; written into every token. */
    public static final int DEFAULT_TIMEOUT_SECONDS = (int) Protocol.CONNECTION_TIMEOUT.toSeconds();

    private static final SecureRandom RANDOM = new SecureRandom();

    private ConnectTokens() {
    }

    /** 32 random bytes: the key a session's tokens are sealed with. */
    public static byte[] newSessionKey() {
        return randomBytes(Protocol.KEY_BYTES);
    }

    /** The session key as it travels in {@code SKIRMISH_SESSION_KEY}: standard base64. */
    public static byte[] decodeSessionKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Objects.requireNonNull(base64, "session key").strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("session key is not standard base64");
        }
        if (key.length != Protocol.KEY_BYTES) {
            throw new IllegalArgumentException("session key must be " + Protocol.KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Issues a token with fresh random per-client keys; returns it in standard base64. */
    public static String issue(byte[] sessionKey, String sessionId, String playerId, String playerName,
                               InetSocketAddress server, Instant expiresAt) {
        return Base64.getEncoder().encodeToString(
                issueBytes(sessionKey, sessionId, playerId, playerName, server, expiresAt, DEFAULT_TIMEOUT_SECONDS));
    }

    public static byte[] issueBytes(byte[] sessionKey, String sessionId, String playerId, String playerName,
                                    InetSocketAddress server, Instant expiresAt, int timeoutSeconds) {
        if (sessionKey == null || sessionKey.length != Protocol.KEY_BYTES) {
            throw new IllegalArgumentException("session key must be " + Protocol.KEY_BYTES + " bytes");
        }
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (timeoutSeconds < 1 || timeoutSeconds > 0xFFFF) {
            throw new IllegalArgumentException("timeoutSeconds out of range");
        }
        requireText(sessionId, "sessionId", Protocol.MAX_ID_BYTES);
        requireText(playerId, "playerId", Protocol.MAX_ID_BYTES);
        requireText(playerName, "playerName", Protocol.MAX_NAME_BYTES);
        byte[] c2s = randomBytes(Protocol.KEY_BYTES);
        byte[] s2c = randomBytes(Protocol.KEY_BYTES);
        byte[] nonce = randomBytes(Protocol.NONCE_BYTES);

        byte[] plain = new WireWriter(256)
                .string(sessionId, Protocol.MAX_ID_BYTES)
                .string(playerId, Protocol.MAX_ID_BYTES)
                .string(playerName, Protocol.MAX_NAME_BYTES)
                .i64(expiresAt.getEpochSecond())
                .bytes(c2s).bytes(s2c)
                .toByteArray();
        byte[] sealed = Aead.seal(sessionKey, nonce, associatedData(sessionId, expiresAt.getEpochSecond()), plain);

        WireWriter token = new WireWriter(256)
                .bytes(Protocol.PROTOCOL_ID)
                .string(sessionId, Protocol.MAX_ID_BYTES)
                .i64(expiresAt.getEpochSecond())
                .u16(timeoutSeconds);
        Addresses.write(token, server);
        return token.bytes(c2s).bytes(s2c).bytes(nonce).u16(sealed.length).bytes(sealed).toByteArray();
    }

    /**
     * Associated data of a private part: {@code PROTOCOL_ID || str session_id || i64 expires_at}. The server builds
     * it from its own session id and the request's expiry, so neither can be changed and a token of another session
     * does not open.
     */
    public static byte[] associatedData(String sessionId, long expiresAtSeconds) {
        return new WireWriter(80).bytes(Protocol.PROTOCOL_ID).string(sessionId, Protocol.MAX_ID_BYTES)
                .i64(expiresAtSeconds).toByteArray();
    }

    /** Opens a private part; empty when the seal does not verify or the contents are malformed. Fails closed. */
    public static Optional<PrivateConnectToken> open(byte[] sessionKey, byte[] privatePart, byte[] nonce,
                                                     byte[] associatedData) {
        if (privatePart == null || associatedData == null) {
            return Optional.empty();
        }
        Optional<byte[]> plain = Aead.open(sessionKey, nonce, associatedData, privatePart);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            WireReader r = new WireReader(plain.get());
            PrivateConnectToken t = new PrivateConnectToken(
                    r.string(Protocol.MAX_ID_BYTES),
                    r.string(Protocol.MAX_ID_BYTES),
                    r.string(Protocol.MAX_NAME_BYTES),
                    Instant.ofEpochSecond(r.i64()),
                    r.bytes(Protocol.KEY_BYTES),
                    r.bytes(Protocol.KEY_BYTES));
            r.expectEnd();
            return Optional.of(t);
        } catch (MalformedPacketException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<PrivateConnectToken> open(byte[] sessionKey, ConnectToken token) {
        return open(sessionKey, token.privatePart(), token.nonce(), token.associatedData());
    }

    /**
     * Everything the server checks before it answers a CONNECTION_REQUEST: not expired, the private part opens with
     * the session key under this session's associated data, and its copies of session id and expiry agree.
     */
    public static TokenCheck check(byte[] sessionKey, ConnectionRequest request, String expectedSessionId,
                                   Instant now) {
        long expires = request.expiresAtSeconds();
        if (expires < 0 || now.getEpochSecond() >= expires) {
            return new TokenCheck.Invalid(TokenCheck.Reason.EXPIRED);
        }
        byte[] aad;
        try {
            aad = associatedData(expectedSessionId, expires);
        } catch (IllegalArgumentException e) {
            return new TokenCheck.Invalid(TokenCheck.Reason.WRONG_SESSION);
        }
        Optional<PrivateConnectToken> opened = open(sessionKey, request.privatePart(), request.tokenNonce(), aad);
        if (opened.isEmpty()) {
            // a token of another session fails here too: its session id is part of the associated data
            return new TokenCheck.Invalid(TokenCheck.Reason.BAD_SEAL);
        }
        PrivateConnectToken p = opened.get();
        if (!p.sessionId().equals(expectedSessionId) || p.expiresAt().getEpochSecond() != expires) {
            return new TokenCheck.Invalid(TokenCheck.Reason.INCONSISTENT);
        }
        return new TokenCheck.Valid(p);
    }

    /** {@link #check(byte[], ConnectionRequest, String, Instant)} of a whole binary token (tests, tools). */
    public static TokenCheck check(byte[] sessionKey, byte[] tokenBytes, String expectedSessionId, Instant now) {
        Optional<ConnectToken> parsed = ConnectToken.tryParse(tokenBytes);
        if (parsed.isEmpty()) {
            return new TokenCheck.Invalid(TokenCheck.Reason.MALFORMED);
        }
        return check(sessionKey, parsed.get().request(), expectedSessionId, now);
    }

    private static void requireText(String value, String what, int maxBytes) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            throw new IllegalArgumentException(what + " longer than " + maxBytes + " bytes");
        }
    }
}
