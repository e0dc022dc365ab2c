package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLAT;
import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static dev.skirmish.simulation.Arena.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PistolTest {
    private static final String PILLAR = """
            ####################
            #..................#
            #..................#
            #..................#
            #..................#
            #.......#..........#
            #S......#.........S#
            ####################
            """;

    /** Shooter 0 at x=100 facing right: the muzzle is at x=110. */
    private MatchState duel(String map, float victimX) {
        return place(place(Arena.running(map, 2), 0, 100, FLOOR_Y, false), 1, victimX, FLOOR_Y, true);
    }

    private Arena.Run shoot(MatchState s, int ticks) {
        return run(s, ticks, inputs(0, PlayerInput.PISTOL));
    }

    @Test
    void hitsWithinRangeForTwoDamage() {
        // victim's left edge 290 px from the muzzle
        MatchState s = duel(FLAT, 110 + 290 + 10);
        Arena.Run r = shoot(s, 1);
        int t = s.tick() + 1;
        assertThat(r.events()).containsExactly(
                new GameEvent.PistolShot(t, 0, 110, FLOOR_Y, 400, FLOOR_Y),
                new GameEvent.Hit(t, 0, 1, Weapon.PISTOL, 2));
        assertThat(r.state().player(1).hearts()).isEqualTo(1);
        assertThat(r.state().player(0).damageDealt()).isEqualTo(2);
        assertThat(r.state().player(0).action()).isEqualTo(4);
    }

    @Test
    void missesBeyond300Pixels() {
        MatchState s = duel(FLAT, 110 + 301 + 10);
        Arena.Run r = shoot(s, 1);
        assertThat(r.events()).containsExactly(
                new GameEvent.PistolShot(s.tick() + 1, 0, 110, FLOOR_Y, 410, FLOOR_Y));
        assertThat(r.state().player(1).hearts()).isEqualTo(3);
    }

    @Test
    void wallsStopTheRay() {
        // pillar column 8 starts at x = 256; the victim behind it is within 300 px
        MatchState s = duel(PILLAR, 330);
        Arena.Run r = shoot(s, 1);
        assertThat(r.events()).containsExactly(
                new GameEvent.PistolShot(s.tick() + 1, 0, 110, FLOOR_Y, 256, FLOOR_Y));
    }

    @Test
    void theNearestPlayerTakesTheShot() {
        MatchState s = place(Arena.running(FLAT, 3), 0, 100, FLOOR_Y, false);
        s = place(place(s, 1, 300, FLOOR_Y, false), 2, 200, FLOOR_Y, false);
        assertThat(shoot(s, 1).events(GameEvent.Hit.class)).extracting(GameEvent.Hit::victim).containsExactly(2);
    }

    @Test
    void shootsTheWayItFaces() {
        MatchState s = place(duel(FLAT, 300), 0, 400, FLOOR_Y, true);
        Arena.Run r = shoot(s, 1);
        assertThat(r.events(GameEvent.Hit.class)).hasSize(1);
        assertThat(r.events(GameEvent.PistolShot.class).getFirst().toX()).isEqualTo(310f);
    }

    @Test
    void cooldownIsHalfASecond() {
        MatchState s = duel(FLAT, 500);
        s = Arena.edit(s, 1, f -> f.invulnerableTicks = 1000);
        Arena.Run r = shoot(s, 61);
        int t0 = s.tick();
        assertThat(r.events(GameEvent.PistolShot.class)).extracting(GameEvent.PistolShot::tick)
                .containsExactly(t0 + 1, t0 + 31, t0 + 61);
        assertThat(r.state().player(1).hearts()).isEqualTo(3);
    }

    @Test
    void twoShotsKillAndCreditTheShooter() {
        MatchState s = duel(FLAT, 300);
        Arena.Run r = shoot(s, 31);
        assertThat(r.events(GameEvent.Hit.class)).extracting(GameEvent.Hit::damage).containsExactly(2, 1);
        assertThat(r.events(GameEvent.Death.class)).containsExactly(new GameEvent.Death(s.tick() + 31, 1, 0));
        PlayerState shooter = r.state().player(0);
        PlayerState victim = r.state().player(1);
        assertThat(shooter.kills()).isEqualTo(1);
        assertThat(shooter.damageDealt()).isEqualTo(3);
        assertThat(victim.deaths()).isEqualTo(1);
        assertThat(victim.alive()).isFalse();
    }
}
