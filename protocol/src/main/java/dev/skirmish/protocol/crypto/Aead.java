package dev.skirmish.protocol.crypto;

import dev.skirmish.protocol.Protocol;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439, IETF variant: 32-byte key, 12-byte nonce, 16-byte tag) from the JDK.
 * One {@link Cipher} per thread and direction, re-initialised per packet: {@code Cipher.getInstance} walks the
 * provider list and cost more than the cryptography itself (profiled: ~70 % of a server's decrypt time). The
 * JDK refuses to re-init an encrypting instance with the key and nonce it last used; that only happens when
 * the same packet is sealed twice (tests), and then a fresh instance does it.
 */
public final class Aead {
    private static final String ALGORITHM = "ChaCha20-Poly1305";
    private static final ThreadLocal<Cipher> SEALER = ThreadLocal.withInitial(Aead::newCipher);
    private static final ThreadLocal<Cipher> OPENER = ThreadLocal.withInitial(Aead::newCipher);

    private Aead() {
    }

    /** Nonce for a 64-bit packet sequence: 4 zero bytes then the sequence, big-endian. */
    public static byte[] sequenceNonce(long sequence) {
        byte[] nonce = new byte[Protocol.NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
        }
        return nonce;
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
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "ChaCha20");
            IvParameterSpec iv = new IvParameterSpec(nonce);
            Cipher cipher = SEALER.get();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, spec, iv);
            } catch (InvalidKeyException sameKeyAndNonce) {
                cipher = newCipher();
                cipher.init(Cipher.ENCRYPT_MODE, spec, iv);
            }
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            int written = cipher.doFinal(plaintext, offset, length, out, outOffset);
            if (written != length + Protocol.TAG_BYTES) {
                throw new IllegalStateException("sealed " + written + " bytes, expected " + (length + Protocol.TAG_BYTES));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }

    /** Empty when the tag does not verify (wrong key, nonce, associated data or tampered bytes). */
    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int offset, int length) {
        if (key == null || key.length != Protocol.KEY_BYTES || nonce == null || nonce.length != Protocol.NONCE_BYTES
                || length < Protocol.TAG_BYTES || offset < 0 || offset + length > sealed.length) {
            return Optional.empty();
        }
        try {
            Cipher cipher = OPENER.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return Optional.of(cipher.doFinal(sealed, offset, length));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        return open(key, nonce, aad, sealed, 0, sealed.length);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
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
