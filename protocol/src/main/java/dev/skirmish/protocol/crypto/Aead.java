package dev.skirmish.protocol.crypto;

import dev.skirmish.protocol.Protocol;
import java.util.Optional;

/**
 * ChaCha20-Poly1305 (RFC 8439, IETF variant: 32-byte key, 12-byte nonce, 16-byte tag). One engine per thread
 * ({@link ChaCha20Poly1305}, reused for every packet): the JDK's cipher, re-initialised per packet, allocated ~4 KB
 * each time (key specs, a Poly1305 engine, big-integer limbs), most of a match host's garbage.
 */
public final class Aead {
    private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

    /** A thread's engine and its nonce scratch for sequence nonces. */
    private static final class Engine {
        final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        final byte[] nonce = new byte[Protocol.NONCE_BYTES];
    }

    private Aead() {
    }

    /** Nonce for a 64-bit packet sequence: 4 zero bytes then the sequence, big-endian. */
    public static byte[] sequenceNonce(long sequence) {
        byte[] nonce = new byte[Protocol.NONCE_BYTES];
        writeSequenceNonce(sequence, nonce);
        return nonce;
    }

    private static void writeSequenceNonce(long sequence, byte[] nonce) {
        for (int i = 0; i < 4; i++) {
            nonce[i] = 0;
        }
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
    }

    /** Returns ciphertext followed by the 16-byte tag. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        byte[] out = new byte[plaintext.length + Protocol.TAG_BYTES];
        sealInto(key, nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Seals {@code length} bytes of {@code plaintext} from {@code offset} and writes ciphertext + tag
     * ({@code length + 16} bytes) into {@code out} at {@code outOffset}: the packet encoder seals straight into the
     * datagram instead of copying the ciphertext into it.
     */
    public static void sealInto(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length,
                                byte[] out, int outOffset) {
        checkKeyAndNonce(key, nonce);
        checkRange(plaintext, offset, length);
        checkRange(out, outOffset, length + Protocol.TAG_BYTES);
        ENGINE.get().cipher.seal(key, nonce, aad, plaintext, offset, length, out, outOffset);
    }

    /** {@link #sealInto} with the nonce of a packet sequence ({@link #sequenceNonce}), built in a scratch array. */
    public static void sealInto(byte[] key, long sequence, byte[] aad, byte[] plaintext, int offset, int length,
                                byte[] out, int outOffset) {
        Engine e = ENGINE.get();
        writeSequenceNonce(sequence, e.nonce);
        sealInto(key, e.nonce, aad, plaintext, offset, length, out, outOffset);
    }

    /** Empty when the tag does not verify (wrong key, nonce, associated data or tampered bytes). */
    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length) {
        if (key == null || key.length != Protocol.KEY_BYTES || nonce == null || nonce.length != Protocol.NONCE_BYTES
                || length < Protocol.TAG_BYTES || offset < 0 || offset + length > sealed.length) {
            return Optional.empty();
        }
        byte[] plain = new byte[length - Protocol.TAG_BYTES];
        return ENGINE.get().cipher.open(key, nonce, aad, sealed, offset, length, plain, 0)
                ? Optional.of(plain) : Optional.empty();
    }

    /** {@link #open} with the nonce of a packet sequence, built in a scratch array. */
    public static Optional<byte[]> open(byte[] key, long sequence, byte[] aad, byte[] sealed, int offset, int length) {
        Engine e = ENGINE.get();
        writeSequenceNonce(sequence, e.nonce);
        return open(key, e.nonce, aad, sealed, offset, length);
    }

    /**
     * {@link #open} with the nonce of a packet sequence, decrypting into {@code out} at {@code outOffset} instead of
     * a new array: false (and {@code out} untouched) when the range is bad or the tag does not verify.
     */
    public static boolean openInto(byte[] key, long sequence, byte[] aad, byte[] sealed, int offset, int length,
                                   byte[] out, int outOffset) {
        if (key == null || key.length != Protocol.KEY_BYTES || length < Protocol.TAG_BYTES || offset < 0
                || offset + length > sealed.length || outOffset < 0
                || outOffset + length - Protocol.TAG_BYTES > out.length) {
            return false;
        }
        Engine e = ENGINE.get();
        writeSequenceNonce(sequence, e.nonce);
        return e.cipher.open(key, e.nonce, aad, sealed, offset, length, out, outOffset);
    }

    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        return open(key, nonce, aad, sealed, 0, sealed.length);
    }

    private static void checkRange(byte[] b, int offset, int length) {
        if (b == null || offset < 0 || length < 0 || offset + length > b.length) {
            throw new IllegalArgumentException("range out of bounds");
        }
    }

    private static void checkKeyAndNonce(byte[] key, byte[] nonce) {
        if (key == null || key.length != Protocol.KEY_BYTES) {
            throw new IllegalArgumentException("key must be " + Protocol.KEY_BYTES + " bytes");
        }
        if (nonce == null || nonce.length != Protocol.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + Protocol.NONCE_BYTES + " bytes");
        }
    }
}
