package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.gameserver.support.Wiretap;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.token.ConnectToken;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack: an eavesdropper who sees a player's handshake looks in it for the key of the player's packets (protocol
 * version 1 sent both keys in clear in CONNECTION_REQUEST). Every 32-byte window of every handshake datagram,
 * both directions, is tried as the ChaCha20-Poly1305 key of captured sealed packets of that connection: INPUT,
 * SNAPSHOT, KEEP_ALIVE, and the CHALLENGE (whose key, the token's, would give the connection keys too).
 */
@Timeout(120)
class KeysOffTheWireTest {

    @Test
    void noThirtyTwoByteWindowOfAnyHandshakeDatagramOpensASealedPacketOfThatConnection() throws Exception {
        List<byte[]> handshake = new ArrayList<>();
        List<byte[]> sealed = new ArrayList<>();
        ConnectToken token;
        try (InProcessServer s = new InProcessServer("s-keys", "--players", "alice,bob");
             Wiretap tap = new Wiretap(new InetSocketAddress("127.0.0.1", s.server.port()), "127.0.0.1")) {
            token = ConnectToken.parse(s.token("alice"));
            try (GameClient alice = GameClient.connect(token, tap.address(), Duration.ofSeconds(5))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    alice.sendInput(InputFrame.RIGHT);
                    return alice.latestSnapshot() != null && alice.lastInputSequence() > 0;
                });
            }
            for (boolean toServer : List.of(true, false)) {
                for (PacketType t : List.of(PacketType.CONNECTION_REQUEST, PacketType.CHALLENGE,
                        PacketType.CHALLENGE_RESPONSE, PacketType.KEEP_ALIVE)) {
                    tap.of(toServer, t.code()).stream().limit(3).forEach(handshake::add);
                }
            }
            sealed.add(tap.of(true, PacketType.INPUT.code()).getFirst());
            sealed.add(tap.of(false, PacketType.SNAPSHOT.code()).getFirst());
            sealed.add(tap.of(false, PacketType.KEEP_ALIVE.code()).getFirst());
            sealed.add(tap.of(false, PacketType.CHALLENGE.code()).getFirst());
        }
        assertThat(handshake).extracting(d -> (int) d[0]).contains(1, 2, 3, 5);

        // the search would find a key if one were there: the token itself (which stays on the client) holds the
        // key that opens the server's CHALLENGE
        byte[] challenge = handshake.stream().filter(d -> d[0] == PacketType.CHALLENGE.code()).findFirst().orElseThrow();
        assertThat(windowThatOpens(token.bytes(), List.of(challenge))).isNotNegative();

        for (byte[] datagram : handshake) {
            assertThat(windowThatOpens(datagram, sealed)).as("a key at this offset of a type-%d datagram", datagram[0])
                    .isNegative();
        }
    }

    /** Offset of the first 32-byte window of {@code haystack} that opens any of {@code packets}, or -1. */
    private static int windowThatOpens(byte[] haystack, List<byte[]> packets) {
        for (int i = 0; i + 32 <= haystack.length; i++) {
            byte[] key = Arrays.copyOfRange(haystack, i, i + 32);
            for (byte[] p : packets) {
                if (PacketCodec.decodeSealed(p, key).isPresent()) {
                    return i;
                }
            }
        }
        return -1;
    }
}
