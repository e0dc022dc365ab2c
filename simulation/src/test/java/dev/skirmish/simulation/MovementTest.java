package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLAT;
import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.idle;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static dev.skirmish.simulation.Arena.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MovementTest {
    private final MatchState start = place(Arena.running(FLAT, 1), 0, 100, FLOOR_Y, false);

    @Test
    void fallsUnderGravityAndLandsOnTheFloor() {
        MatchState air = place(start, 0, 100, 60, false);
        MatchState after = idle(air, 60).state();
        PlayerState p = after.player(0);
        assertThat(p.y()).isEqualTo(FLOOR_Y);
        assertThat(p.grounded()).isTrue();
        assertThat(p.vy()).isZero();

        // after 1/6 s of free fall the speed is about g * t
        PlayerState falling = idle(air, 10).state().player(0);
        assertThat(falling.vy()).isCloseTo(Rules.GRAVITY * 10 / 60f, within(1f));
        assertThat(falling.grounded()).isFalse();
    }

    @Test
    void runsAt250PixelsPerSecondAndFacesTheWayItRuns() {
        PlayerState right = run(start, 60, inputs(0, PlayerInput.RIGHT)).state().player(0);
        assertThat(right.x()).isCloseTo(350f, within(0.5f));
        assertThat(right.vx()).isEqualTo(Rules.RUN_SPEED);
        assertThat(right.facingLeft()).isFalse();

        PlayerState left = run(start, 12, inputs(0, PlayerInput.LEFT)).state().player(0);
        assertThat(left.x()).isCloseTo(50f, within(0.5f));
        assertThat(left.facingLeft()).isTrue();

        PlayerState both = run(start, 10, inputs(0, PlayerInput.LEFT | PlayerInput.RIGHT)).state().player(0);
        assertThat(both.x()).isEqualTo(100f);
    }

    @Test
    void wallsStopARunner() {
        PlayerState p = run(start, 180, inputs(0, PlayerInput.RIGHT)).state().player(0);
        // right wall is the tile column 19, starting at x = 608
        assertThat(p.x()).isEqualTo(608 - Rules.PLAYER_HALF_WIDTH);
        PlayerState q = run(start, 180, inputs(0, PlayerInput.LEFT)).state().player(0);
        assertThat(q.x()).isEqualTo(32 + Rules.PLAYER_HALF_WIDTH);
    }

    @Test
    void jumpsAboutThreeTilesOnlyFromTheGround() {
        MatchState s = run(start, 1, inputs(0, PlayerInput.JUMP)).state();
        assertThat(s.player(0).vy()).isLessThan(-500f);
        float top = s.player(0).y();
        for (int i = 0; i < 60; i++) {
            s = Simulation.step(s, inputs(0, PlayerInput.JUMP)).state();
            top = Math.min(top, s.player(0).y());
            if (s.player(0).vy() < 0 && !s.player(0).grounded() && i > 0) {
                // holding jump in the air never adds a second jump
                assertThat(s.player(0).vy()).isGreaterThan(Rules.JUMP_VELOCITY);
            }
        }
        float height = FLOOR_Y - top;
        assertThat(height).isBetween(90f, 101f);
    }

    @Test
    void ceilingsStopAJump() {
        String low = """
                ##########
                #........#
                #........#
                #####....#
                #........#
                #S.......#
                ##########
                """;
        // floor top y = 192, ceiling (row 3) bottom y = 128 over columns 1..4
        MatchState s = place(Arena.running(low, 1), 0, 80, 192 - 14, false);
        float top = s.player(0).y();
        for (int i = 0; i < 40; i++) {
            s = Simulation.step(s, inputs(0, PlayerInput.JUMP)).state();
            top = Math.min(top, s.player(0).y());
        }
        assertThat(top).isEqualTo(128 + Rules.PLAYER_HALF_HEIGHT);
    }

    @Test
    void landsOnAPlatformFromBelowWithAJump() {
        String steps = """
                ##########
                #........#
                #........#
                #........#
                #........#
                #....#####
                #S.......#
                ##########
                """;
        // platform (row 5) top y = 160, two tiles above the floor (top y = 224)
        MatchState s = place(Arena.running(steps, 1), 0, 100, 224 - 14, false);
        s = run(s, 8, inputs(0, PlayerInput.JUMP | PlayerInput.RIGHT)).state();
        s = run(s, 40, inputs(0, PlayerInput.RIGHT)).state();
        assertThat(s.player(0).y()).isEqualTo(160 - Rules.PLAYER_HALF_HEIGHT);
        assertThat(s.player(0).grounded()).isTrue();
    }
}
