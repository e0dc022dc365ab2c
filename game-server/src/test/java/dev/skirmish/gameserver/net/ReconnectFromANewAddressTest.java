package dev.skirmish.gameserver.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.gameserver.support.Wiretap;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.PacketType;
import dev.skirmish.protocol.token.ConnectToken;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The other side of "one live connection per token": after a disconnect the same token works again, from a new
 * address, under new keys. Real UDP: the first connection comes through a relay on 127.0.0.1, the second through
 * one on 127.0.0.3. Attack covered: replaying the first connection's packets into the second (they were sealed
 * with sequences the second connection uses again, so only new keys keep them out).
 */
@Timeout(60)
class ReconnectFromANewAddressTest {

    @Test
    void afterADisconnectTheSameTokenConnectsFromANewAddressAndOldPacketsDoNotOpen() throws Exception {
        try (InProcessServer s = new InProcessServer("s-new-address", "--players", "alice,bob")) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", s.server.port());
            ConnectToken token = ConnectToken.parse(s.token("bob"));
            List<byte[]> oldInputs;
            try (Wiretap first = new Wiretap(server, "127.0.0.1")) {
                try (GameClient bob = GameClient.connect(token, first.address(), Duration.ofSeconds(5))) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> {
                        bob.sendInput(InputFrame.LEFT);
                        return bob.latestSnapshot() != null && bob.lastInputSequence() >= 10;
                    });
                    assertThat(bob.playerIndex()).isEqualTo(1);
                }
                oldInputs = first.of(true, PacketType.INPUT.code());
                await().atMost(Duration.ofSeconds(5)).until(() -> s.server.playersConnected() == 0);
            }

            try (Wiretap second = new Wiretap(server, "127.0.0.3");
                 GameClient again = GameClient.connect(token, second.address(), Duration.ofSeconds(5))) {
                assertThat(again.playerIndex()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(5)).until(() -> s.server.playersConnected() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> again.latestSnapshot() != null);
                long dropped = s.server.droppedPackets();
                // the first connection's inputs (sequences 0.. under its keys; the second counts from 0 again),
                // replayed from the second connection's address before the second client sends any input
                for (byte[] d : oldInputs) {
                    second.injectToServer(d);
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> s.server.droppedPackets() >= dropped + oldInputs.size());
                long tick = again.latestSnapshot().tick();
                await().atMost(Duration.ofSeconds(5)).until(() -> again.latestSnapshot().tick() > tick + 10);
                assertThat(again.latestSnapshot().lastInputSequence()).as("inputs the server applied").isZero();
                long applied = again.lastInputSequence();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    again.sendInput(InputFrame.RIGHT);
                    return again.latestSnapshot() != null && again.lastInputSequence() > applied + 5;
                });
            }
        }
    }
}
