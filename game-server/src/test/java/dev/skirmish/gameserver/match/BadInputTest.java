package dev.skirmish.gameserver.match;

import static dev.skirmish.gameserver.support.Datagrams.anyReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.protocol.packet.ConnectionRequest;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile datagrams over a real UDP socket while a match is being played: garbage, truncated and oversized
 * packets, tokens for another session, expired, or sealed with another key, sealed packets under a made-up key.
 * None gets any reply, every one is counted, and the player in the match keeps playing.
 */
@Timeout(60)
class BadInputTest {

    @Test
    void nothingInvalidGetsAReplyAndTheMatchGoesOn() throws Exception {
        try (InProcessServer s = new InProcessServer("s-bad", "--players", "alice,bob");
             Bot alice = new Bot(s.token("alice"));
             DatagramSocket mallory = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client.latestSnapshot() != null);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", s.server.port());
            long droppedBefore = s.server.droppedPackets();
            long droppedInboundBefore = s.server.droppedInbound();

            List<byte[]> invalid = new ArrayList<>();
            Random random = new Random(1);
            for (int type = 0; type <= 10; type++) { // random bytes behind every type code, and unknown ones
                byte[] garbage = new byte[1 + random.nextInt(1199)];
                random.nextBytes(garbage);
                garbage[0] = (byte) type;
                invalid.add(garbage);
            }
            byte[] validRequest = request(s.token("bob"));
            invalid.add(Arrays.copyOf(validRequest, 600)); // truncated request: must be exactly 1200 bytes
            invalid.add(Arrays.copyOf(validRequest, 1)); // just the type byte
            byte[] badPadding = validRequest.clone();
            badPadding[1199] = 1;
            invalid.add(badPadding);
            byte[] sealedInput = PacketCodec.encodeSealed(new InputPacket(SnapshotPacket.NO_TICK, 0,
                    List.of(new InputFrame(1, 0))), 1, ConnectTokens.newSessionKey()); // made-up key
            invalid.add(sealedInput);
            invalid.add(Arrays.copyOf(sealedInput, 20)); // truncated below header + tag
            invalid.add(request(ConnectTokens.issue(s.tokens.key, "s-other", "id-bob", "bob", server,
                    Instant.now().plusSeconds(60)))); // another session's token
            invalid.add(request(ConnectTokens.issue(s.tokens.key, "s-bad", "id-bob", "bob", server,
                    Instant.now().minusSeconds(1)))); // expired
            invalid.add(request(ConnectTokens.issue(ConnectTokens.newSessionKey(), "s-bad", "id-bob", "bob", server,
                    Instant.now().plusSeconds(60)))); // sealed with another session key
            byte[] flipped = validRequest.clone();
            flipped[ConnectionRequest.HEADER_BYTES + 50] ^= 0x01; // one bit of the private part changed
            invalid.add(flipped);
            for (byte[] d : invalid) {
                send(mallory, d, server);
            }
            byte[] oversized = new byte[1300];
            random.nextBytes(oversized);
            oversized[0] = 0x01;
            send(mallory, oversized, server);

            assertThat(anyReply(mallory, Duration.ofMillis(1500))).isFalse();
            // counted either on the socket thread (impossible length, type or protocol id: never queued) or by the
            // protocol (everything that needs a parse or a key to tell)
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    s.server.droppedPackets() - droppedBefore + s.server.droppedInbound() - droppedInboundBefore
                            >= invalid.size() + 1);

            // the player in the match did not notice (replays from a player's own address: RefusalTest)
            alice.buttons.set(InputFrame.RIGHT);
            long tickBefore = alice.client.latestSnapshot().tick();
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client.latestSnapshot().tick() > tickBefore + 30);
            assertThat(alice.client.state().name()).isEqualTo("CONNECTED");
            assertThat(s.server.playersConnected()).isEqualTo(1);

            // and the valid request that the invalid ones were made from still works: no reply was suppressed
            send(mallory, validRequest, server);
            assertThat(anyReply(mallory, Duration.ofSeconds(3))).isTrue();
        }
    }

    private static byte[] request(String base64Token) {
        return PacketCodec.encodePlain(ConnectToken.parse(base64Token).request());
    }

    private static void send(DatagramSocket socket, byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }
}
