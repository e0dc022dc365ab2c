package dev.skirmish.protocol.token;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.packet.ConnectionRequest;
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
 * A connect token as the client gets it from the lobby (over HTTPS): where to connect, until when, the two
 * per-client keys, and the private part, opaque to the client (sealed under the session key). Only
 * {@link #request()} goes over UDP: expiry, nonce and private part, never the keys. Layout: docs/protocol.md
 * "Connect token".
 *
 * @param bytes the whole binary token, as the orchestrator issued it (it stays on the client)
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
        byte[] bytes) {

    /** Largest binary token this implementation writes or accepts. */
    public static final int MAX_BYTES = 640;
    /** Largest sealed private part (its contents take at most 235 bytes + the 16-byte tag). */
    public static final int MAX_PRIVATE_BYTES = 400;

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
        int privateLength = r.u16();
        if (privateLength < Protocol.TAG_BYTES || privateLength > MAX_PRIVATE_BYTES) {
            throw new MalformedPacketException("bad private part length");
        }
        byte[] priv = r.bytes(privateLength);
        r.expectEnd();
        if (expires < 0 || expires > Instant.MAX.getEpochSecond()) {
            throw new MalformedPacketException("bad expiry");
        }
        return new ConnectToken(sessionId, Instant.ofEpochSecond(expires), timeout, server, c2s, s2c, nonce, priv,
                raw.clone());
    }

    /** The CONNECTION_REQUEST for this token: what the server needs to open the private part, and nothing else. */
    public ConnectionRequest request() {
        return new ConnectionRequest(expiresAt.getEpochSecond(), nonce, privatePart);
    }

    /** The private part's associated data (docs/protocol.md): PROTOCOL_ID, session id, expiry. */
    public byte[] associatedData() {
        return ConnectTokens.associatedData(sessionId, expiresAt.getEpochSecond());
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
