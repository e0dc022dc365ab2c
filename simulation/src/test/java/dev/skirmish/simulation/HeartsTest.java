package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.idle;
import static dev.skirmish.simulation.Arena.place;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeartsTest {
    /** Heart spawner at tile (5, 6): centre x = 176, on the floor. */
    static final String PICKUPS = """
            ####################
            #..................#
            #..................#
            #..................#
            #..................#
            #..................#
            #S...H.....B......S#
            ####################
            """;

    private final MatchState start = place(Arena.running(PICKUPS, 1), 0, 500, FLOOR_Y, false);

    @Test
    void aHurtPlayerTakesAHeart() {
        MatchState s = place(Arena.hearts(start, 0, 1), 0, 176, FLOOR_Y, false);
        Arena.Run r = idle(s, 1);
        assertThat(r.events()).containsExactly(new GameEvent.HeartPicked(s.tick() + 1, 0, 0));
        assertThat(r.state().player(0).hearts()).isEqualTo(2);
        assertThat(r.state().hearts().getFirst().available()).isFalse();
        // one heart per spawn: standing on the empty spawner gives nothing more
        assertThat(idle(r.state(), 10).state().player(0).hearts()).isEqualTo(2);
    }

    @Test
    void aFullPlayerLeavesTheHeart() {
        MatchState s = place(start, 0, 176, FLOOR_Y, false);
        Arena.Run r = idle(s, 5);
        assertThat(r.events()).isEmpty();
        assertThat(r.state().hearts().getFirst().available()).isTrue();
    }

    @Test
    void theHeartComesBackFifteenSecondsAfterItWasTaken() {
        MatchState s = place(Arena.hearts(start, 0, 2), 0, 176, FLOOR_Y, false);
        MatchState taken = place(idle(s, 1).state(), 0, 500, FLOOR_Y, false);
        assertThat(taken.hearts().getFirst().respawnTicks()).isEqualTo(15 * 60);
        MatchState almost = idle(taken, 15 * 60 - 1).state();
        assertThat(almost.hearts().getFirst().available()).isFalse();
        assertThat(almost.hearts().getFirst().respawnTicks()).isEqualTo(1);
        assertThat(idle(almost, 1).state().hearts().getFirst().available()).isTrue();
    }

    @Test
    void heartsNeverExceedThree() {
        MatchState s = place(Arena.hearts(start, 0, 3), 0, 176, FLOOR_Y, false);
        assertThat(idle(s, 3).state().player(0).hearts()).isEqualTo(Rules.MAX_HEARTS);
    }
}
