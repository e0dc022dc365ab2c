package dev.skirmish.protocol.wire;

/**
 * A datagram or token that does not follow the layout. Thrown by {@link WireReader} and caught by the
 * decoders, which turn it into "drop silently": it never escapes to a network caller.
 */
public final class MalformedPacketException extends RuntimeException {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
