package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLAT;
import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwordTest {
    private static final int HIT_TICKS = 15; // 0.25 s at 60 Hz

    /** Attacker 0 at x=100 facing right, victim 1 just in reach in front, bystander 2 behind. */
    private final MatchState start = place(place(place(Arena.running(FLAT, 3), 0, 100, FLOOR_Y, false),
            1, 140, FLOOR_Y, true), 2, 70, FLOOR_Y, false);

    /** Steps with sword pressed on the given ticks (1-based) and released otherwise. */
    private Arena.Run swing(MatchState s, int ticks, int... pressedOn) {
        List<GameEvent> events = new ArrayList<>();
        for (int t = 1; t <= ticks; t++) {
            boolean down = false;
            for (int p : pressedOn) {
                down |= p == t;
            }
            StepResult r = Simulation.step(s, down ? inputs(0, PlayerInput.SWORD) : Map.of());
            s = r.state();
            events.addAll(r.events());
        }
        return new Arena.Run(s, events);
    }

    @Test
    void oneHitDealsOneDamageToThePlayerInFrontOnly() {
        Arena.Run r = swing(start, 5, 1);
        assertThat(r.events(GameEvent.Hit.class))
                .containsExactly(new GameEvent.Hit(start.tick() + 1, 0, 1, Weapon.SWORD, 1));
        assertThat(r.state().player(1).hearts()).isEqualTo(2);
        assertThat(r.state().player(2).hearts()).isEqualTo(3);
        assertThat(r.state().player(0).damageDealt()).isEqualTo(1);
        assertThat(r.state().player(0).action()).isEqualTo(1);
    }

    @Test
    void pressingDuringHitOneAndTwoChainsTheFullCombo() {
        Arena.Run r = swing(start, 3 * HIT_TICKS + 5, 1, 5, 20);
        List<GameEvent.Hit> hits = r.events(GameEvent.Hit.class);
        assertThat(hits).hasSize(3);
        int t0 = start.tick();
        assertThat(hits).extracting(GameEvent.Hit::tick)
                .containsExactly(t0 + 1, t0 + 1 + HIT_TICKS, t0 + 1 + 2 * HIT_TICKS);
        assertThat(r.events(GameEvent.Death.class)).containsExactly(new GameEvent.Death(t0 + 31, 1, 0));
        assertThat(r.state().player(0).kills()).isEqualTo(1);
        assertThat(r.state().player(0).swordStage()).isZero();
    }

    @Test
    void comboStagesShowInTheState() {
        MatchState s = swing(start, HIT_TICKS + 1, 1, 3).state();
        assertThat(s.player(0).swordStage()).isEqualTo(2);
        assertThat(s.player(0).action()).isEqualTo(2);
        assertThat(s.player(0).actionTicks()).isEqualTo(HIT_TICKS);
    }

    @Test
    void holdingTheButtonDoesNotChain() {
        MatchState s = start;
        List<GameEvent.Hit> hits = new ArrayList<>();
        for (int t = 0; t < 3 * HIT_TICKS; t++) {
            StepResult r = Simulation.step(s, inputs(0, PlayerInput.SWORD));
            s = r.state();
            r.events().stream().filter(GameEvent.Hit.class::isInstance).map(GameEvent.Hit.class::cast).forEach(hits::add);
        }
        assertThat(hits).hasSize(1);
        assertThat(s.player(0).swordStage()).isZero();
    }

    @Test
    void aPressAfterTheHitEndedStartsOverAtHitOne() {
        Arena.Run r = swing(start, HIT_TICKS + 10, 1, HIT_TICKS + 5);
        assertThat(r.events(GameEvent.Hit.class)).hasSize(2);
        assertThat(r.state().player(0).swordStage()).isEqualTo(1);
    }

    @Test
    void pressingDuringHitThreeDoesNotStartAFourth() {
        MatchState weak = Arena.hearts(start, 1, 3);
        Arena.Run r = swing(weak, 4 * HIT_TICKS + 5, 1, 5, 20, 35, 40);
        assertThat(r.events(GameEvent.Hit.class)).hasSize(3);
        assertThat(r.state().player(0).swordStage()).isZero();
    }

    @Test
    void outOfReachIsMissed() {
        MatchState far = place(start, 1, 100 + 10 + Rules.SWORD_REACH + 11, FLOOR_Y, true);
        assertThat(swing(far, 3, 1).events(GameEvent.Hit.class)).isEmpty();
    }

    @Test
    void facingLeftHitsTheOtherSide() {
        MatchState left = place(start, 0, 100, FLOOR_Y, true);
        assertThat(swing(left, 3, 1).events(GameEvent.Hit.class)).extracting(GameEvent.Hit::victim).containsExactly(2);
    }

    @Test
    void spawnProtectionBlocksDamage() {
        MatchState s = Arena.edit(start, 1, f -> f.invulnerableTicks = 30);
        assertThat(swing(s, 3, 1).events(GameEvent.Hit.class)).isEmpty();
    }
}
