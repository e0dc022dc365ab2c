package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;

/** Server → client, sealed: the token was valid but the server will not take this player. */
public record Denied(Reason reason) implements Packet {
    public enum Reason implements WireCodes.Coded {
        /** The token's player name is not in this match's {@code --players}. */
        NAME_NOT_ALLOWED(1),
        /** Every slot is taken. */
        SERVER_FULL(2),
        /** The match has ended; the session no longer accepts anyone. */
        MATCH_OVER(3),
        /** Another address is connected with the same player right now. */
        ALREADY_CONNECTED(4),
        /** An operator removed this player from the match: its token is refused for the rest of the match. */
        KICKED(5);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    private static final WireCodes<Reason> REASONS = new WireCodes<>(Reason.class, "denied reason");

    public Denied {
        java.util.Objects.requireNonNull(reason, "reason");
    }

    @Override
    public PacketType type() {
        return PacketType.DENIED;
    }

    @Override
    public void writePayload(WireWriter w) {
        w.u8(reason.code());
    }

    public static Denied read(WireReader r) {
        Denied d = new Denied(REASONS.fromCode(r.u8()));
        r.expectEnd();
        return d;
    }
}
