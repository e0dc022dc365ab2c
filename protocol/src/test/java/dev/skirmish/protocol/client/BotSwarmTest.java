package dev.skirmish.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.token.ConnectToken;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The benchmarks' one-thread bots over real loopback UDP: to the server each must be a whole client (connected,
 * inputs applied, every snapshot acknowledged so the server sends deltas, every reliable event acknowledged), with
 * or without decoding the worlds.
 */
class BotSwarmTest extends TinyServerTestBase {
    BotSwarmTest() {
        super("s-7");
    }

    ConnectToken token(String name) throws Exception {
        return ConnectToken.parse(token(sessionId, name, key));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void botsConnectPlayAndAcknowledgeEverySnapshotAndEvent(boolean decodeWorlds) throws Exception {
        try (BotSwarm swarm = new BotSwarm(decodeWorlds)) {
            swarm.add(token("alice"), server.address());
            swarm.add(token("bob"), server.address());
            swarm.connectAll(Duration.ofSeconds(10));
            assertThat(swarm.connected()).isEqualTo(2);
            long period = 1_000_000_000L / 60;
            long next = System.nanoTime();
            for (int i = 0; i < 90; i++) { // 1.5 s of play at 60 Hz
                swarm.poll();
                swarm.input(0, InputFrame.RIGHT | (i == 30 ? InputFrame.PISTOL : 0));
                swarm.input(1, InputFrame.LEFT);
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.lastInput.getOrDefault(0, 0L) == 90L
                    && server.x.get(0) == 90 * 8);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                swarm.poll();
                swarm.input(1, 0); // carries the newest acks
                assertThat(server.outboxes.get(1).unackedCount()).as("bob's unacked events").isZero();
                assertThat(swarm.ackTick(1)).isGreaterThan(90);
            });
            var alice = server.senders.get(0);
            assertThat(alice.deltaSnapshotsSent()).as("snapshots sent as deltas").isGreaterThan(60);
            assertThat(alice.fullSnapshotsSent()).as("full snapshots: only before the first ack").isLessThan(10);
            assertThat(swarm.bytesIn()).isPositive();
            assertThat(swarm.bytesOut()).isPositive();
        }
    }
}
