package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.idle;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static dev.skirmish.simulation.Arena.run;
import static dev.skirmish.simulation.HeartsTest.PICKUPS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class BombsTest {
    /** The bomb spawner is at tile (11, 6): centre (368, 208). */
    private static final float BOMB_X = 368;
    private static final int FUSE = 120;

    private static MatchState start(long seed) {
        MatchState s = Arena.running(ArenaMap.parse(PICKUPS), new MatchConfig(60, 180, seed), 3);
        return place(place(place(s, 0, 500, FLOOR_Y, false), 1, 560, FLOOR_Y, false), 2, 100, FLOOR_Y, false);
    }

    /** Player 0 touches the bomb on the next tick, then steps away. */
    private static Arena.Run lightByTouch(MatchState s) {
        MatchState touching = place(s, 0, BOMB_X, FLOOR_Y, false);
        Arena.Run r = idle(touching, 1);
        return new Arena.Run(place(r.state(), 0, 560, FLOOR_Y, false), r.events());
    }

    @Test
    void touchingLightsItAndItExplodesAfterTheFuseHurtingThoseInTheRadius() {
        MatchState s = start(1);
        Arena.Run lit = lightByTouch(s);
        int litTick = s.tick() + 1;
        assertThat(lit.events()).containsExactly(new GameEvent.BombLit(litTick, 0, 0));
        assertThat(lit.state().bombs().getFirst().phase()).isEqualTo(BombState.Phase.LIT);

        // victim 1: its box edge 30 px from the bomb (in); victim 2: 90 px (out)
        MatchState waiting = place(place(lit.state(), 1, BOMB_X + 40, FLOOR_Y, true), 2, BOMB_X - 100, FLOOR_Y, false);
        Arena.Run almost = idle(waiting, FUSE - 1);
        assertThat(almost.events(GameEvent.BombExploded.class)).isEmpty();
        Arena.Run boom = idle(almost.state(), 1);
        assertThat(boom.events()).containsExactly(
                new GameEvent.BombExploded(litTick + FUSE, 0, BOMB_X, 208),
                new GameEvent.Hit(litTick + FUSE, 0, 1, Weapon.BOMB, 2));
        assertThat(boom.state().player(1).hearts()).isEqualTo(1);
        assertThat(boom.state().player(2).hearts()).isEqualTo(3);
        assertThat(boom.state().player(0).damageDealt()).isEqualTo(2);
        assertThat(boom.state().bombs().getFirst().phase()).isEqualTo(BombState.Phase.ABSENT);
    }

    @Test
    void radiusIs64PixelsToTheNearestPointOfAPlayer() {
        MatchState lit = lightByTouch(start(1)).state();
        float edge = BOMB_X + Rules.BOMB_RADIUS + Rules.PLAYER_HALF_WIDTH;
        MatchState s = place(place(lit, 1, edge, FLOOR_Y, true), 2, BOMB_X - Rules.BOMB_RADIUS - Rules.PLAYER_HALF_WIDTH - 1,
                FLOOR_Y, false);
        Arena.Run boom = idle(s, FUSE);
        assertThat(boom.events(GameEvent.Hit.class)).extracting(GameEvent.Hit::victim).containsExactly(1);
    }

    @Test
    void ownBombKillIsADeathButNoKill() {
        MatchState s = Arena.hearts(place(start(1), 0, BOMB_X, FLOOR_Y, false), 0, 2);
        Arena.Run r = idle(s, FUSE + 1);
        assertThat(r.events(GameEvent.Hit.class)).containsExactly(
                new GameEvent.Hit(s.tick() + 1 + FUSE, 0, 0, Weapon.BOMB, 2));
        assertThat(r.events(GameEvent.Death.class)).containsExactly(new GameEvent.Death(s.tick() + 1 + FUSE, 0, -1));
        PlayerState p = r.state().player(0);
        assertThat(p.kills()).isZero();
        assertThat(p.deaths()).isEqualTo(1);
        assertThat(p.damageDealt()).isZero();
    }

    @Test
    void swordAndPistolLightIt() {
        MatchState sword = place(start(1), 0, BOMB_X - 30, FLOOR_Y, false);
        assertThat(run(sword, 1, inputs(0, PlayerInput.SWORD)).events(GameEvent.BombLit.class))
                .containsExactly(new GameEvent.BombLit(sword.tick() + 1, 0, 0));
        MatchState pistol = place(start(1), 2, BOMB_X - 200, FLOOR_Y, false);
        assertThat(run(pistol, 1, inputs(2, PlayerInput.PISTOL)).events(GameEvent.BombLit.class))
                .containsExactly(new GameEvent.BombLit(pistol.tick() + 1, 0, 2));
    }

    @Property(tries = 40)
    void aNewBombComesFiveToFifteenSecondsAfterTheExplosion(@ForAll long seed) {
        int delay = respawnDelay(seed);
        assertThat(delay).isBetween(5 * 60, 15 * 60);
    }

    @Test
    void theRespawnDelayIsRandomPerMatchSeed() {
        Set<Integer> delays = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            delays.add(respawnDelay(seed));
        }
        assertThat(delays).hasSizeGreaterThan(3);
    }

    /** Ticks from the explosion to the BombSpawned event. */
    private static int respawnDelay(long seed) {
        Arena.Run boom = idle(lightByTouch(start(seed)).state(), FUSE);
        int explodedAt = boom.events(GameEvent.BombExploded.class).getFirst().tick();
        MatchState s = boom.state();
        for (int i = 0; i < 16 * 60; i++) {
            StepResult r = Simulation.step(s, java.util.Map.of());
            s = r.state();
            for (GameEvent e : r.events()) {
                if (e instanceof GameEvent.BombSpawned spawned) {
                    assertThat(spawned.id()).isZero();
                    assertThat(s.bombs().getFirst().phase()).isEqualTo(BombState.Phase.READY);
                    return spawned.tick() - explodedAt;
                }
            }
        }
        throw new AssertionError("no bomb within 16 s");
    }
}
