package dev.skirmish.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Constants every Skirmish client and server must agree on (see docs/protocol.md). */
public final class Protocol {
    /**
     * 8 ASCII bytes that start every connect token, every CONNECTION_REQUEST and every associated-data block; the
     * last one is the protocol version (3: bit-packed snapshots with dead reckoning; 2 took every key off the wire).
     */
    public static final byte[] PROTOCOL_ID = "SKIRMSH3".getBytes(StandardCharsets.US_ASCII);
    /** No datagram, in either direction, may be larger: stays under typical path MTUs without fragmentation. */
    public static final int MAX_PACKET_BYTES = 1200;
    /** Size of every key: session key and the two per-client keys. */
    public static final int KEY_BYTES = 32;
    /** Poly1305 authentication tag appended to every ciphertext. */
    public static final int TAG_BYTES = 16;
    /** Random bytes each side adds to a connection's keys (docs/protocol.md "Per-connection keys"). */
    public static final int SALT_BYTES = 16;
    /** ChaCha20-Poly1305 (IETF) nonce size. */
    public static final int NONCE_BYTES = 12;
    /** A connection with no authenticated packet for this long is dropped (both sides). */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** How often a side that has nothing else to send sends a KEEP_ALIVE. */
    public static final Duration KEEP_ALIVE_INTERVAL = Duration.ofMillis(250);
    /** Inputs repeated in every INPUT packet so that a lost packet does not lose a jump or a shot. */
    public static final int INPUT_REDUNDANCY = 8;
    /** Sequence numbers remembered by the replay window. */
    public static final int REPLAY_WINDOW = 256;
    /** Longest session id, player id accepted in tokens (UTF-8 bytes). */
    public static final int MAX_ID_BYTES = 64;
    /** Longest player name accepted in tokens (UTF-8 bytes); the lobby allows 3-16 of [A-Za-z0-9_-]. */
    public static final int MAX_NAME_BYTES = 32;

    private Protocol() {
    }
}
