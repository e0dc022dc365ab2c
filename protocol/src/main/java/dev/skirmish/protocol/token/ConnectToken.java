package dev.skirmish.protocol.token;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.wire.Addresses;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The part of a connect token a client can read without the session key: where to connect, until when, and
 * the two per-client keys for its packets. {@code privatePart} is opaque to the client (sealed under the
 * session key) and is sent to the server inside CONNECTION_REQUEST. Layout: docs/protocol.md "Connect token".
 *
 * @param bytes         the whole binary token, as sent in CONNECTION_REQUEST
 * @param publicBytes   the public fields, which are the associated data of the private part
 */
public record ConnectToken(
        String sessionId,
        Instant expiresAt,
        int timeoutSeconds,
        InetSocketAddress server,
        byte[] clientToServerKey,
        byte[] serverToClientKey,
        byte[] nonce,
        byte[] privatePart,
        byte[] publicBytes,
        byte[] bytes) {

    /** Largest binary token this implementation writes or accepts. */
    public static final int MAX_BYTES = 640;

    /**
     * Parses a base64 token as handed out by the orchestrator.
     *
     * @throws IllegalArgumentException with a message for people (not base64, wrong version, truncated...)
     */
    public static ConnectToken parse(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("connect token is empty");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connect token is not standard base64");
        }
        try {
            return read(raw);
        } catch (MalformedPacketException e) {
            throw new IllegalArgumentException("connect token is malformed: " + e.getMessage());
        }
    }

    /** Parses binary token bytes; empty on any malformation (server side: never throws). */
    public static Optional<ConnectToken> tryParse(byte[] raw) {
        try {
            return Optional.of(read(raw));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static ConnectToken read(byte[] raw) {
        if (raw == null || raw.length > MAX_BYTES) {
            throw new MalformedPacketException("token larger than " + MAX_BYTES + " bytes");
        }
        WireReader r = new WireReader(raw);
        byte[] id = r.bytes(Protocol.PROTOCOL_ID.length);
        if (!Arrays.equals(id, Protocol.PROTOCOL_ID)) {
            throw new MalformedPacketException("unknown protocol/version " + new String(id, StandardCharsets.ISO_8859_1));
        }
        String sessionId = r.string(Protocol.MAX_ID_BYTES);
        long expires = r.i64();
        int timeout = r.u16();
        InetSocketAddress server = Addresses.read(r);
        byte[] c2s = r.bytes(Protocol.KEY_BYTES);
        byte[] s2c = r.bytes(Protocol.KEY_BYTES);
        byte[] nonce = r.bytes(Protocol.NONCE_BYTES);
        int publicEnd = r.position();
        int privateLength = r.u16();
        if (privateLength < Protocol.TAG_BYTES) {
            throw new MalformedPacketException("private part too short");
        }
        byte[] priv = r.bytes(privateLength);
        r.expectEnd();
        if (expires < 0 || expires > Instant.MAX.getEpochSecond()) {
            throw new MalformedPacketException("bad expiry");
        }
        return new ConnectToken(sessionId, Instant.ofEpochSecond(expires), timeout, server, c2s, s2c, nonce, priv,
                Arrays.copyOf(raw, publicEnd), raw.clone());
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        // keys stay out of logs
        return "ConnectToken[session=" + sessionId + ", server=" + server + ", expiresAt=" + expiresAt + "]";
    }
}
