package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;

/** Either direction, sealed: the sender is closing the connection. Sent a few times since it is not acked. */
public record Disconnect(Reason reason) implements Packet {
    public enum Reason implements WireCodes.Coded {
        CLIENT_QUIT(1),
        SERVER_SHUTDOWN(2),
        MATCH_OVER(3),
        TIMED_OUT(4),
        KICKED(5),
        /** The client left more than {@code EventOutbox.MAX_UNACKED} reliable events unacknowledged. */
        TOO_FAR_BEHIND(6);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    private static final WireCodes<Reason> REASONS = new WireCodes<>(Reason.class, "disconnect reason");

    public Disconnect {
        java.util.Objects.requireNonNull(reason, "reason");
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.u8(reason.code());
    }

    public static Disconnect read(WireReader r) {
        Disconnect d = new Disconnect(REASONS.fromCode(r.u8()));
        r.expectEnd();
        return d;
    }
}
