package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.gameserver.support.RawClient;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.client.GameClientException;
import dev.skirmish.protocol.packet.ChallengeResponse;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tokens and packets the server must ignore: nobody gets in, nothing changes. */
@Timeout(60)
class RefusalTest {
    private static final Duration SHORT = Duration.ofMillis(1500);

    @Test
    void wrongExpiredAndForeignTokensGetNoPlayer() throws Exception {
        try (InProcessServer s = new InProcessServer("s-refuse", "--players", "alice,bob")) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", s.server.port());
            String wrongKey = ConnectTokens.issue(ConnectTokens.newSessionKey(), "s-refuse", "p1", "alice", addr,
                    Instant.now().plusSeconds(60));
            String foreign = ConnectTokens.issue(s.tokens.key, "s-other", "p1", "alice", addr,
                    Instant.now().plusSeconds(60));
            String expired = ConnectTokens.issue(s.tokens.key, "s-refuse", "p1", "alice", addr,
                    Instant.now().minusSeconds(5));
            String stranger = ConnectTokens.issue(s.tokens.key, "s-refuse", "p9", "mallory", addr,
                    Instant.now().plusSeconds(60));
            for (String token : List.of(wrongKey, foreign, expired, stranger)) {
                assertThatThrownBy(() -> GameClient.connect(token, SHORT).close())
                        .isInstanceOf(GameClientException.class);
            }
            assertThat(s.server.playersConnected()).isZero();
            try (GameClient ok = GameClient.connect(s.token("alice"), Duration.ofSeconds(5))) {
                await().atMost(Duration.ofSeconds(5)).until(() -> s.server.playersConnected() == 1);
            }
        }
    }

    @Test
    void aChallengeAnsweredFromAnotherAddressIsRefused() throws Exception {
        try (InProcessServer s = new InProcessServer("s-spoof", "--players", "alice");
             RawClient victim = new RawClient(s.token("alice"));
             RawClient attacker = new RawClient(s.token("alice"))) {
            ChallengeResponse response = victim.challenge();
            byte[] datagram = PacketCodec.encodePlain(response);
            attacker.sendRaw(datagram);
            assertThat(attacker.receive()).isEmpty();
            assertThat(s.server.playersConnected()).isZero();
            victim.sendRaw(datagram); // the real owner of the address may use it
            assertThat(victim.receive()).get().isInstanceOf(KeepAlive.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.playersConnected() == 1);
        }
    }

    @Test
    void replayedPacketsAreDropped() throws Exception {
        try (InProcessServer s = new InProcessServer("s-replay", "--players", "alice");
             RawClient alice = new RawClient(s.token("alice"))) {
            alice.sendRaw(PacketCodec.encodePlain(alice.challenge()));
            assertThat(alice.receive()).get().isInstanceOf(KeepAlive.class);
            byte[] input = alice.sealed(new InputPacket(dev.skirmish.protocol.packet.SnapshotPacket.NO_TICK, 0,
                    List.of(new InputFrame(1, InputFrame.RIGHT))));
            alice.sendRaw(input);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.playersConnected() == 1);
            long dropped = s.server.droppedPackets();
            for (int i = 0; i < 5; i++) {
                alice.sendRaw(input);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> s.server.droppedPackets() >= dropped + 5);
        }
    }
}
