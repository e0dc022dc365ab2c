package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.netsim.NetworkConditions;
import dev.skirmish.protocol.netsim.UdpRelay;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.simulation.GameEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real GameClients and a real game server on loopback UDP, with a {@link UdpRelay} between them that loses, delays,
 * jitters, duplicates and reorders datagrams both ways (seeded). What players on real networks need: their inputs
 * arrive, their reliable events arrive in order, a slow link still plays, and a short outage is ridden out.
 */
@Timeout(90)
class PlayOverASimulatedNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static InetSocketAddress server(InProcessServer s) {
        return new InetSocketAddress("127.0.0.1", s.server.port());
    }

    /** Attack of the network itself: 10 % of datagrams lost. Defense: every INPUT repeats the last 8 inputs. */
    @Test
    void atTenPercentLossEveryInputReachesTheServer() throws Exception {
        NetworkConditions lossy = NetworkConditions.of(10, Duration.ZERO, Duration.ZERO, 17);
        try (InProcessServer s = new InProcessServer("s-loss", "--players", "alice");
             UdpRelay relay = UdpRelay.start(server(s), lossy);
             Bot alice = new Bot(s.token("alice"), relay.address())) {
            alice.buttons.set(InputFrame.RIGHT);
            // about 6 s of inputs: ~36 of alice's ~360 INPUT packets are lost on the way
            await().atMost(WAIT).until(() -> alice.client.lastInputSequence() > 360);
            alice.buttons.set(InputFrame.LEFT | InputFrame.JUMP);
            await().atMost(WAIT).until(() -> alice.client.lastInputSequence() > 400);
            assertThat(relay.dropped()).as("the relay really lost datagrams").isGreaterThan(20);
            assertThat(s.server.inputsLost()).as("inputs whose every copy was lost").isZero();
        }
    }

    /**
     * Loss, jitter, duplicates and reordering on one player's link. Defense: numbered events resent until acked and
     * delivered in sequence. Both players must see the same events in the same order.
     */
    @Test
    void reliableEventsAllArriveInOrderOverABadLink() throws Exception {
        NetworkConditions bad = new NetworkConditions(10, Duration.ofMillis(40), Duration.ofMillis(20), 5, 5, 23);
        try (InProcessServer s = new InProcessServer("s-events", "--players", "alice,bob", "--seed",
                "" + PlayTest.sameFloorSeed());
             UdpRelay relay = UdpRelay.start(server(s), bad);
             Bot alice = new Bot(s.token("alice"), relay.address());
             Bot bob = new Bot(s.token("bob"))) {
            // both shoot as fast as the pistol allows: a PISTOL_SHOT event every 0.5 s each, hits when in line
            alice.brain(me -> System.nanoTime() / 20_000_000 % 2 == 0 ? InputFrame.PISTOL : 0);
            bob.brain(me -> System.nanoTime() / 20_000_000 % 2 == 0 ? InputFrame.PISTOL : 0);
            // ~12 s of shots: alice's snapshots carry them through ~200 datagrams, ~20 of which are lost
            await().atMost(WAIT).until(() -> bob.events.size() >= 50);
            await().atMost(WAIT).until(() -> alice.events.size() >= 50);
            List<GameEvent> bobSaw = List.copyOf(bob.events);
            List<GameEvent> aliceSaw = List.copyOf(alice.events);
            int n = Math.min(bobSaw.size(), aliceSaw.size());
            assertThat(aliceSaw.subList(0, n)).isEqualTo(bobSaw.subList(0, n));
            assertThat(relay.dropped()).isGreaterThan(0);
        }
    }

    /** A client 250 ms away (500 ms round trip) connects, and its inputs move it. */
    @Test
    void aClientAt250MillisecondsLatencyConnectsAndPlays() throws Exception {
        NetworkConditions far = NetworkConditions.of(0, Duration.ofMillis(250), Duration.ZERO, 5);
        try (InProcessServer s = new InProcessServer("s-far", "--players", "alice");
             UdpRelay relay = UdpRelay.start(server(s), far);
             Bot alice = new Bot(s.token("alice"), relay.address())) {
            await().atMost(WAIT).until(() -> alice.client.world() != null
                    && alice.client.world().players().containsKey(0));
            float startX = alice.client.world().players().get(0).xPixels();
            alice.buttons.set(startX < 640 ? InputFrame.RIGHT : InputFrame.LEFT);
            await().atMost(WAIT).until(() -> Math.abs(alice.client.world().players().get(0).xPixels() - startX) > 24);
            assertThat(alice.client.latestSnapshot().lastInputSequence()).isPositive();
            assertThat(alice.client.state()).isEqualTo(ClientState.CONNECTED);
        }
    }

    /** Nothing gets through for 3 s, both ways; the connection (10 s timeout) carries on without a reconnect. */
    @Test
    void aThreeSecondBlackoutRecoversWithoutAReconnect() throws Exception {
        try (InProcessServer s = new InProcessServer("s-blackout", "--players", "alice");
             UdpRelay relay = UdpRelay.start(server(s), NetworkConditions.PERFECT);
             Bot alice = new Bot(s.token("alice"), relay.address())) {
            alice.buttons.set(InputFrame.RIGHT);
            await().atMost(WAIT).until(() -> alice.client.latestSnapshot() != null
                    && alice.client.latestSnapshot().lastInputSequence() > 60);
            long tickBefore = alice.client.latestSnapshot().tick();
            long appliedBefore = alice.client.latestSnapshot().lastInputSequence();
            relay.blackoutFor(Duration.ofSeconds(3).toNanos());
            long blackoutEnds = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < blackoutEnds) {
                assertThat(alice.client.state()).isEqualTo(ClientState.CONNECTED);
                Thread.sleep(100);
            }
            // snapshots flow again, and the server applies inputs numbered on from before: the same connection
            await().atMost(WAIT).until(() -> alice.client.latestSnapshot().tick() > tickBefore + 3 * 60 + 30);
            await().atMost(WAIT).until(() -> alice.client.latestSnapshot().lastInputSequence() > appliedBefore + 200);
            assertThat(alice.client.state()).isEqualTo(ClientState.CONNECTED);
            assertThat(s.server.playersConnected()).isEqualTo(1);
        }
    }
}
