package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.MalformedPacketException;

/**
 * The one-byte codes of an enum sent on the wire ({@link Denied.Reason}, {@link Disconnect.Reason}): the code of a
 * constant is fixed in its declaration, not its position, so reordering or adding constants never changes the
 * protocol; an unknown code from the network is a malformed packet (dropped), never another exception.
 *
 * @param <E> the enum; its codes are checked once, when the table is built: each in 0..255 and used once
 */
final class WireCodes<E extends Enum<E> & WireCodes.Coded> {
    /** An enum constant with its wire code. */
    interface Coded {
        int code();
    }

    private final Object[] byCode = new Object[256];
    private final String what;

    WireCodes(Class<E> type, String what) {
        this.what = what;
        for (E e : type.getEnumConstants()) {
            int code = e.code();
            if (code < 0 || code >= byCode.length) {
                throw new IllegalStateException(what + " " + e + " has code " + code + ", outside one byte");
            }
            if (byCode[code] != null) {
                throw new IllegalStateException(what + " code " + code + " used by both " + byCode[code] + " and " + e);
            }
            byCode[code] = e;
        }
    }

    /** The constant with this code, read from the network. */
    @SuppressWarnings("unchecked")
    E fromCode(int code) {
        E e = code >= 0 && code < byCode.length ? (E) byCode[code] : null;
        if (e == null) {
            throw new MalformedPacketException("unknown " + what + " " + code);
        }
        return e;
    }
}
