package dev.skirmish.gameserver.net;

import static dev.skirmish.gameserver.support.Datagrams.anyReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.gameserver.support.Wiretap;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.token.ConnectToken;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack: someone who captured a player's CONNECTION_REQUEST (and CHALLENGE_RESPONSE) replays them from their own
 * address while the player is playing, to take the slot. Real UDP sockets: the player talks through a
 * {@link Wiretap}; the attacker sends from another loopback IP and from another port of the player's IP.
 */
@Timeout(60)
class CapturedRequestReplayTest {

    @Test
    void aCapturedConnectionRequestReplayedFromAnotherAddressGetsNoSlotAndThePlayerKeepsPlaying() throws Exception {
        try (InProcessServer s = new InProcessServer("s-replay-request", "--players", "alice,bob");
             Wiretap tap = new Wiretap(new InetSocketAddress("127.0.0.1", s.server.port()), "127.0.0.1");
             GameClient alice = GameClient.connect(ConnectToken.parse(s.token("alice")), tap.address(),
                     Duration.ofSeconds(5))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.latestSnapshot() != null);
            byte[] request = tap.of(true, PacketType.CONNECTION_REQUEST.code()).getFirst();
            byte[] response = tap.of(true, PacketType.CHALLENGE_RESPONSE.code()).getFirst();
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", s.server.port());

            for (String ip : List.of("127.0.0.2", "127.0.0.1")) { // another IP; the player's IP, another port
                try (DatagramSocket mallory = new DatagramSocket(new InetSocketAddress(ip, 0))) {
                    for (int i = 0; i < 5; i++) {
                        mallory.send(new DatagramPacket(request, request.length, server));
                    }
                    mallory.send(new DatagramPacket(response, response.length, server));
                    assertThat(anyReply(mallory, Duration.ofMillis(1000))).as("a reply to %s", ip).isFalse();
                }
            }
            assertThat(s.server.playersConnected()).isEqualTo(1);

            // the player did not notice: still connected, its inputs still move the world
            alice.sendInput(InputFrame.RIGHT);
            long tick = alice.latestSnapshot().tick();
            long applied = alice.lastInputSequence();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                alice.sendInput(InputFrame.RIGHT);
                return alice.latestSnapshot().tick() > tick + 30 && alice.latestSnapshot().lastInputSequence() > applied;
            });
            assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
        }
    }
}
