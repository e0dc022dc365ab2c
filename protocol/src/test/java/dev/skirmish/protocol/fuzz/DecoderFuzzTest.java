package dev.skirmish.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.skirmish.protocol.connection.ServerConfig;
import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.snapshot.SnapshotCodec;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Garbage and mutated input into every decoder: nothing may throw, nothing invalid may be accepted. */
class DecoderFuzzTest {
    static final byte[] KEY = ConnectTokens.newSessionKey();
    static final byte[] TOKEN = Base64.getDecoder().decode(ConnectTokens.issue(KEY, "s-1", "p-1", "alice",
            new InetSocketAddress("127.0.0.1", 7003), Instant.parse("2030-01-01T00:00:00Z")));

    @Property(tries = 2000)
    void randomBytesNeverCrashPacketDecoders(@ForAll @Size(max = 1300) byte[] data) {
        assertThatCode(() -> {
            PacketCodec.decodePlain(data);
            PacketCodec.decodeSealed(data, KEY);
            PacketCodec.peekType(data, 0, data.length);
        }).doesNotThrowAnyException();
        assertThat(PacketCodec.decodeSealed(data, KEY)).isEmpty();
    }

    @Property(tries = 2000)
    void typedGarbageNeverCrashes(@ForAll @IntRange(min = 1, max = 9) int type, @ForAll @Size(max = 1199) byte[] body) {
        byte[] data = new byte[body.length + 1];
        data[0] = (byte) type;
        System.arraycopy(body, 0, data, 1, body.length);
        assertThatCode(() -> {
            PacketCodec.decodePlain(data);
            PacketCodec.decodeSealed(data, KEY);
        }).doesNotThrowAnyException();
    }

    static final byte[] REQUEST = PacketCodec.encodePlain(ConnectToken.tryParse(TOKEN).orElseThrow().request());

    /** v2: what the server checks is the request (the token stays on the client); no mutation of it may pass. */
    @Property(tries = 1000)
    void mutatedRequestsNeverCrashAndNeverPass(@ForAll @IntRange(min = 0, max = 1300) int position,
                                               @ForAll byte value, @ForAll @IntRange(min = 0, max = 3) int mode) {
        byte[] r = mutate(REQUEST, position, value, mode);
        assertThatCode(() -> PacketCodec.decodePlain(r)).doesNotThrowAnyException();
        var decoded = PacketCodec.decodePlain(r);
        if (decoded.isPresent() && !java.util.Arrays.equals(r, REQUEST)) {
            assertThat(ConnectTokens.check(KEY, (dev.skirmish.protocol.packet.ConnectionRequest) decoded.get(), "s-1",
                    Instant.parse("2029-01-01T00:00:00Z"))).isInstanceOf(dev.skirmish.protocol.token.TokenCheck.Invalid.class);
        }
    }

    @Property(tries = 1000)
    void mutatedTokensNeverCrashTheParser(@ForAll @IntRange(min = 0, max = 400) int position,
                                             @ForAll byte value, @ForAll @IntRange(min = 0, max = 3) int mode) {
        byte[] t = mutate(TOKEN, position, value, mode);
        assertThatCode(() -> ConnectToken.tryParse(t)).doesNotThrowAnyException();
    }

    private static byte[] mutate(byte[] original, int position, byte value, int mode) {
        return switch (mode) {
            case 0 -> java.util.Arrays.copyOf(original, Math.min(position, original.length)); // truncation
            case 1 -> { // substitution
                byte[] c = original.clone();
                int i = position % c.length;
                c[i] = c[i] == value ? (byte) (value + 1) : value;
                yield c;
            }
            case 2 -> { // insertion
                byte[] c = new byte[original.length + 1];
                int i = position % original.length;
                System.arraycopy(original, 0, c, 0, i);
                c[i] = value;
                System.arraycopy(original, i, c, i + 1, original.length - i);
                yield c;
            }
            default -> { // deletion
                int i = position % original.length;
                byte[] c = new byte[original.length - 1];
                System.arraycopy(original, 0, c, 0, i);
                System.arraycopy(original, i + 1, c, i, original.length - i - 1);
                yield c;
            }
        };
    }

    @Property(tries = 1000)
    void tokenParserOnlyThrowsIllegalArgument(@ForAll String text) {
        try {
            ConnectToken.parse(text);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void snapshotDecoderNeverCrashes(@ForAll @Size(max = 1200) byte[] data) {
        assertThatCode(() -> SnapshotCodec.decode(WorldSnapshot.EMPTY, data)).doesNotThrowAnyException();
    }

    @Property(tries = 300)
    void serverEndpointSurvivesAnyDatagramWithoutReplying(@ForAll @Size(max = 30) List<@Size(max = 1300) byte[]> datagrams) {
        List<byte[]> replies = new ArrayList<>();
        ServerEndpoint server = new ServerEndpoint(new ServerConfig("s-1", KEY, List.of("alice")),
                (to, d) -> replies.add(d), 0);
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 5000);
        for (byte[] d : datagrams) {
            assertThatCode(() -> server.receive(d, from, 1000)).doesNotThrowAnyException();
        }
        assertThatCode(() -> server.update(100_000)).doesNotThrowAnyException();
        assertThat(replies).isEmpty();
    }

    @Property(tries = 300)
    void sealedPacketsWithAnyFlippedBitAreRejected(@ForAll @IntRange(min = 0, max = 30) int index,
                                                   @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] d = PacketCodec.encodeSealed(new KeepAlive(1, 4), 42, KEY);
        d[index % d.length] ^= (byte) (1 << bit);
        assertThat(PacketCodec.decodeSealed(d, KEY)).isEmpty();
    }
}
