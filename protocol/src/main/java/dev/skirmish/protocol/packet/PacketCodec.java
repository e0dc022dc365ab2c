package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.crypto.Aead;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import java.util.Optional;

/**
 * Turns packets into datagrams and back. Two layouts:
 * <ul>
 *   <li>plain (CONNECTION_REQUEST, CHALLENGE_RESPONSE): type byte + payload;</li>
 *   <li>sealed (all others): type byte, 64-bit big-endian sequence, ChaCha20-Poly1305(payload) with nonce
 *       {@code 00000000 || sequence} and associated data {@code PROTOCOL_ID || type}.</li>
 * </ul>
 * Decoding never throws: anything malformed, oversized, truncated or unauthenticated is {@code Optional.empty()}.
 */
public final class PacketCodec {
    /** type (1) + sequence (8). */
    public static final int SEALED_HEADER_BYTES = 9;
    /** Largest plaintext payload of a sealed packet. */
    public static final int MAX_SEALED_PAYLOAD = Protocol.MAX_PACKET_BYTES - SEALED_HEADER_BYTES - Protocol.TAG_BYTES;

    /**
     * A thread's payload scratch, reused for every packet it seals: a fresh writer per packet was the largest
     * allocation left on the snapshot path (sized for a whole datagram). Sized once for the largest payload; it never
     * escapes this class (the datagram is a copy, sealed into its own array).
     */
    private static final ThreadLocal<WireWriter> SCRATCH =
            ThreadLocal.withInitial(() -> new WireWriter(MAX_SEALED_PAYLOAD + 64));

    private PacketCodec() {
    }

    /** Encodes a plain packet (sequence and key are not used for these). */
    public static byte[] encodePlain(Packet packet) {
        if (packet.type().encrypted()) {
            throw new IllegalArgumentException(packet.type() + " must be sealed");
        }
        WireWriter w = new WireWriter(Protocol.MAX_PACKET_BYTES);
        w.u8(packet.type().code());
        packet.writePayload(w);
        return checkSize(w.toByteArray());
    }

    /** Seals a packet under {@code key} (the sender's direction key) with a sequence never used before with it. */
    public static byte[] encodeSealed(Packet packet, long sequence, byte[] key) {
        if (!packet.type().encrypted()) {
            throw new IllegalArgumentException(packet.type() + " is sent in the clear");
        }
        WireWriter payload = SCRATCH.get().reset();
        packet.writePayload(payload);
        int n = payload.size();
        byte[] out = new byte[SEALED_HEADER_BYTES + n + Protocol.TAG_BYTES];
        checkSize(out);
        out[0] = (byte) packet.type().code();
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        Aead.sealInto(key, sequence, associatedData(packet.type()), payload.array(), 0, n, out,
                SEALED_HEADER_BYTES);
        return out;
    }

    /** Payload size a packet would have once sealed, to decide what fits before encrypting. */
    public static int sealedSize(Packet packet) {
        WireWriter payload = SCRATCH.get().reset();
        packet.writePayload(payload);
        return SEALED_HEADER_BYTES + payload.size() + Protocol.TAG_BYTES;
    }

    /** The type named by the first byte, or empty for an empty, oversized or unknown datagram. */
    public static Optional<PacketType> peekType(byte[] data, int offset, int length) {
        if (length < 1 || length > Protocol.MAX_PACKET_BYTES || offset < 0 || offset + length > data.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(PacketType.fromCode(data[offset] & 0xFF));
    }

    /**
     * The checks that cost nothing, on the type byte, the length and the protocol id: false for anything that can
     * never decode (empty, oversized, unknown type, a request that is not exactly 1200 bytes or names another
     * protocol version, a response or sealed packet of impossible length). Made before a datagram is queued or
     * charged to any budget, so a flood of such datagrams takes nothing from real clients.
     */
    public static boolean plausible(byte[] data, int offset, int length) {
        Optional<PacketType> type = peekType(data, offset, length);
        if (type.isEmpty()) {
            return false;
        }
        return switch (type.get()) {
            case CONNECTION_REQUEST -> ConnectionRequest.hasRequestShape(data, offset, length);
            case CHALLENGE_RESPONSE -> length >= ChallengeResponse.MIN_BYTES && length <= ChallengeResponse.MAX_BYTES;
            default -> length >= SEALED_HEADER_BYTES + Protocol.TAG_BYTES + 1;
        };
    }

    /** Decodes CONNECTION_REQUEST or CHALLENGE_RESPONSE. */
    public static Optional<Packet> decodePlain(byte[] data, int offset, int length) {
        Optional<PacketType> type = peekType(data, offset, length);
        if (type.isEmpty() || type.get().encrypted()) {
            return Optional.empty();
        }
        try {
            WireReader r = new WireReader(data, offset + 1, length - 1);
            return Optional.of(switch (type.get()) {
                case CONNECTION_REQUEST -> ConnectionRequest.read(r, length);
                case CHALLENGE_RESPONSE -> ChallengeResponse.read(r);
                default -> throw new MalformedPacketException("not a plain packet");
            });
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Authenticates and decodes a sealed packet with the receiver's key for this direction. */
    public static Optional<SealedPacket> decodeSealed(byte[] data, int offset, int length, byte[] key) {
        Optional<PacketType> type = peekType(data, offset, length);
        if (type.isEmpty() || !type.get().encrypted() || length < SEALED_HEADER_BYTES + Protocol.TAG_BYTES) {
            return Optional.empty();
        }
        try {
            long sequence = new WireReader(data, offset + 1, 8).i64();
            Optional<byte[]> plain = Aead.open(key, sequence, associatedData(type.get()),
                    data, offset + SEALED_HEADER_BYTES, length - SEALED_HEADER_BYTES);
            if (plain.isEmpty()) {
                return Optional.empty();
            }
            WireReader r = new WireReader(plain.get());
            Packet packet = switch (type.get()) {
                case CHALLENGE -> Challenge.read(r);
                case DENIED -> Denied.read(r);
                case KEEP_ALIVE -> KeepAlive.read(r);
                case INPUT -> InputPacket.read(r);
                case SNAPSHOT -> SnapshotPacket.read(r);
                case EVENTS -> EventsPacket.read(r);
                case DISCONNECT -> Disconnect.read(r);
                default -> throw new MalformedPacketException("not a sealed packet");
            };
            return Optional.of(new SealedPacket(sequence, packet));
        } catch (MalformedPacketException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The type named by the first byte, or null (as {@link #peekType} without the Optional, for the hot path). */
    public static PacketType typeOrNull(byte[] data, int offset, int length) {
        if (length < 1 || length > Protocol.MAX_PACKET_BYTES || offset < 0 || offset + length > data.length) {
            return null;
        }
        return PacketType.fromCode(data[offset] & 0xFF);
    }

    /** The sequence in a sealed packet's header (check the length first: {@link #plausible}). */
    public static long sealedSequence(byte[] data, int offset) {
        long sequence = 0;
        for (int i = 0; i < 8; i++) {
            sequence = sequence << 8 | (data[offset + 1 + i] & 0xFF);
        }
        return sequence;
    }

    /**
     * Authenticates a sealed packet of the type in its first byte and decrypts its payload into {@code out} from 0,
     * as {@link #decodeSealed} does before parsing, without allocating: the payload's length, or -1 when it is not a
     * sealed type, too short, too long for {@code out}, or does not authenticate.
     */
    public static int openSealedInto(byte[] data, int offset, int length, byte[] key, byte[] out) {
        PacketType type = typeOrNull(data, offset, length);
        if (type == null || !type.encrypted() || length < SEALED_HEADER_BYTES + Protocol.TAG_BYTES) {
            return -1;
        }
        int n = length - SEALED_HEADER_BYTES - Protocol.TAG_BYTES;
        return n <= out.length && Aead.openInto(key, sealedSequence(data, offset), associatedData(type), data,
                offset + SEALED_HEADER_BYTES, length - SEALED_HEADER_BYTES, out, 0) ? n : -1;
    }

    public static Optional<SealedPacket> decodeSealed(byte[] data, byte[] key) {
        return decodeSealed(data, 0, data.length, key);
    }

    public static Optional<Packet> decodePlain(byte[] data) {
        return decodePlain(data, 0, data.length);
    }

    /** PROTOCOL_ID || type, built once per type (never handed out of this class, so never modified). */
    private static final byte[][] ASSOCIATED_DATA = new byte[256][];

    static {
        for (PacketType t : PacketType.values()) {
            byte[] aad = new byte[Protocol.PROTOCOL_ID.length + 1];
            System.arraycopy(Protocol.PROTOCOL_ID, 0, aad, 0, Protocol.PROTOCOL_ID.length);
            aad[aad.length - 1] = (byte) t.code();
            ASSOCIATED_DATA[t.code()] = aad;
        }
    }

    static byte[] associatedData(PacketType type) {
        return ASSOCIATED_DATA[type.code()];
    }

    private static byte[] checkSize(byte[] datagram) {
        if (datagram.length > Protocol.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("packet of " + datagram.length + " bytes exceeds "
                    + Protocol.MAX_PACKET_BYTES);
        }
        return datagram;
    }
}
