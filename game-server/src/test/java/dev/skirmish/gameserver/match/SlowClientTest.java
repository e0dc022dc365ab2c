package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.net.UdpTransport;
import dev.skirmish.gameserver.support.RawClient;
import dev.skirmish.gameserver.support.Tokens;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.connection.EventOutbox;
import dev.skirmish.protocol.packet.Disconnect;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.packet.InputPacket;
import dev.skirmish.protocol.packet.KeepAlive;
import dev.skirmish.protocol.packet.Packet;
import dev.skirmish.protocol.packet.PacketCodec;
import dev.skirmish.protocol.packet.SnapshotPacket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that never acknowledges reliable events: once its outbox overflows it is disconnected with
 * TOO_FAR_BEHIND (over a real UDP socket), the others are not, and it can come back with its token.
 */
@Timeout(60)
class SlowClientTest {

    @Test
    void aClientThatStopsAckingEventsIsDisconnectedTooFarBehindAndMayReconnect() throws Exception {
        Tokens tokens = new Tokens("s-slow");
        ConcurrentLinkedQueue<Runnable> onTick = new ConcurrentLinkedQueue<>();
        try (UdpTransport transport = new UdpTransport("127.0.0.1", 0)) {
            MatchRoom room = new MatchRoom("s-slow", tokens.key, 60, 7L, transport, System.currentTimeMillis());
            room.assign(List.of("alice", "bob"), 60);
            Thread tick = Thread.ofPlatform().name("tick-s-slow").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.currentTimeMillis();
                    transport.drain(d -> room.receive(d, now));
                    room.update(now);
                    Runnable r;
                    while ((r = onTick.poll()) != null) {
                        r.run();
                    }
                    room.step(now);
                    room.sendSnapshots(now);
                    transport.flush();
                    LockSupport.parkNanos(16_000_000);
                }
            });
            try (RawClient alice = new RawClient(tokens.token("alice", transport.port()));
                 GameClient bob = GameClient.connect(tokens.token("bob", transport.port()), Duration.ofSeconds(5))) {
                alice.sendRaw(PacketCodec.encodePlain(alice.challenge()));
                assertThat(alice.receive()).get().isInstanceOf(KeepAlive.class);
                // one input that acknowledges no event; from now on alice only listens
                alice.sendRaw(alice.sealed(new InputPacket(SnapshotPacket.NO_TICK, 0,
                        List.of(new InputFrame(1, 0)))));
                await().atMost(Duration.ofSeconds(5)).until(() -> room.connectedPlayers() == 2);

                onTick.add(() -> {
                    for (int i = 0; i <= EventOutbox.MAX_UNACKED; i++) {
                        room.link(0).addEvent(1, new byte[] {0, 0, 0, 1, 0, 1, 0, 1});
                    }
                });
                Disconnect.Reason reason = null;
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (reason == null && System.nanoTime() < deadline) {
                    Optional<Packet> p = alice.receive();
                    if (p.isPresent() && p.get() instanceof Disconnect d) {
                        reason = d.reason();
                    }
                }
                assertThat(reason).isEqualTo(Disconnect.Reason.TOO_FAR_BEHIND);
                await().atMost(Duration.ofSeconds(5)).until(() -> room.connectedPlayers() == 1);
                for (int i = 0; i < 10; i++) {
                    bob.sendInput(0); // bob acks and is not affected
                    Thread.sleep(16);
                }
                assertThat(bob.state()).isEqualTo(ClientState.CONNECTED);

                // alice comes back with her token and starts from the oldest event the server kept
                try (GameClient again = GameClient.connect(tokens.token("alice", transport.port()),
                        Duration.ofSeconds(5))) {
                    assertThat(again.playerIndex()).isZero();
                    await().atMost(Duration.ofSeconds(5)).until(() -> {
                        again.sendInput(0);
                        return !again.drainEvents().isEmpty();
                    });
                    await().atMost(Duration.ofSeconds(5)).until(() -> room.connectedPlayers() == 2);
                }
            } finally {
                tick.interrupt();
                tick.join(5000);
            }
        }
    }
}
