package dev.skirmish.lobby.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a text message's bytes are valid UTF-8 (RFC 6455 section 8.1: otherwise the connection fails with 1007).
 * Chat is almost all ASCII, so the bytes are first looked at eight at a time for one with its high bit set; only a
 * message that has one is run through the JDK's strict decoder (which reports malformed and overlong sequences and
 * surrogates). Before issue 19's core transport Jetty's JSR-356 sink did this check byte by byte while it built a
 * {@code String} nobody needed.
 */
final class Utf8Check {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8Check() {
    }

    static boolean valid(byte[] bytes) {
        return isAscii(bytes) || decodes(bytes);
    }

    static boolean isAscii(byte[] bytes) {
        int i = 0;
        for (int words = bytes.length & ~7; i < words; i += 8) {
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) return false;
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) return false;
        }
        return true;
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
