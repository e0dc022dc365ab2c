package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.InProcessServer;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real GameClients over loopback UDP against the server's tick loop. */
@Timeout(60)
class PlayTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void inputsMovePlayersAndSnapshotsCarryTheAppliedSequence() throws Exception {
        try (InProcessServer s = new InProcessServer("s-move", "--players", "alice,bob");
             Bot alice = new Bot(s.token("alice")); Bot bob = new Bot(s.token("bob"))) {
            await().atMost(WAIT).until(() -> alice.client.world() != null
                    && alice.client.world().players().containsKey(0) && alice.client.latestSnapshot() != null);
            float startX = alice.client.world().players().get(0).xPixels();
            boolean right = startX < 640; // towards the middle of the 1280 px arena: away from the nearest wall
            alice.buttons.set(right ? InputFrame.RIGHT : InputFrame.LEFT);
            await().atMost(WAIT).until(() -> Math.abs(alice.client.world().players().get(0).xPixels() - startX) > 24);
            float moved = alice.client.world().players().get(0).xPixels() - startX;
            assertThat(moved > 0).isEqualTo(right);
            assertThat(alice.client.latestSnapshot().lastInputSequence()).isPositive();
            await().atMost(WAIT).until(() -> // bob sees alice move
                    Math.abs(bob.client.world().players().get(0).xPixels() - startX) > 24);
        }
    }

    @Test
    void chasingBotsLandAHitAndBothSeeIt() throws Exception {
        // a seed that spawns both on the same floor, so a walk and a shot settle it without path finding
        long seed = sameFloorSeed();
        try (InProcessServer s = new InProcessServer("s-hit", "--players", "alice,bob", "--seed", "" + seed);
             Bot alice = new Bot(s.token("alice")); Bot bob = new Bot(s.token("bob"))) {
            alice.brain(me -> chase(alice.client.world(), me, 1 - me));
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> alice.events.stream().anyMatch(GameEvent.Hit.class::isInstance));
            await().atMost(WAIT).until(() -> bob.events.stream().anyMatch(GameEvent.Hit.class::isInstance));
        }
    }

    @Test
    void reconnectWithTheSameTokenGetsTheSamePlayerBack() throws Exception {
        try (InProcessServer s = new InProcessServer("s-back", "--players", "alice,bob")) {
            String token = s.token("bob");
            int index;
            int x;
            try (Bot bob = new Bot(token)) {
                index = bob.client.playerIndex();
                bob.buttons.set(InputFrame.LEFT);
                await().atMost(WAIT).until(() -> bob.client.world() != null
                        && bob.client.world().players().containsKey(index)
                        && bob.client.latestSnapshot().lastInputSequence() > 30);
                bob.buttons.set(0);
                x = bob.client.world().players().get(index).x();
            }
            await().atMost(WAIT).until(() -> s.server.playersConnected() == 0);
            try (Bot again = new Bot(token)) {
                assertThat(again.client.playerIndex()).isEqualTo(index).isEqualTo(1);
                await().atMost(WAIT).until(() -> again.client.world() != null
                        && again.client.world().players().containsKey(index));
                // the same player: where bob left it, not at a fresh spawn
                assertThat(again.client.world().players().get(index).x()).isBetween(x - 2000, x + 2000);
                await().atMost(WAIT).until(() -> s.server.playersConnected() == 1);
            }
        }
    }

    static long sameFloorSeed() {
        ArenaMap map = ArenaMap.load("arena");
        for (long seed = 1; seed < 10_000; seed++) {
            MatchState m = MatchState.initial(map, new MatchConfig(60, 180, seed), List.of("alice", "bob"));
            PlayerState a = m.player(0);
            PlayerState b = m.player(1);
            if (a.y() == b.y() && Math.abs(a.x() - b.x()) < 500) {
                return seed;
            }
        }
        throw new AssertionError("no seed puts both players on one floor");
    }

    /** Walks towards the other player, faces it, and fires or swings when level with it. */
    static int chase(WorldSnapshot w, int me, int other) {
        if (w == null || !w.players().containsKey(me) || !w.players().containsKey(other)) {
            return 0;
        }
        PlayerSnapshot a = w.players().get(me);
        PlayerSnapshot b = w.players().get(other);
        float dx = b.xPixels() - a.xPixels();
        float dy = b.yPixels() - a.yPixels();
        int toward = dx < 0 ? InputFrame.LEFT : InputFrame.RIGHT;
        boolean facing = (dx < 0) == a.facingLeft();
        if (Math.abs(dy) < 14 && Math.abs(dx) < 280) {
            if (!facing) {
                return toward;
            }
            return (System.nanoTime() / 50_000_000 % 2 == 0 ? InputFrame.SWORD : 0) | InputFrame.PISTOL;
        }
        int jump = dy < -20 || (System.nanoTime() / 400_000_000 % 3 == 0) ? InputFrame.JUMP : 0;
        return toward | jump;
    }
}
