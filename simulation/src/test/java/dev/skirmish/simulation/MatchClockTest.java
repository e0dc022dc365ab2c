package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLAT;
import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.idle;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static dev.skirmish.simulation.Arena.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchClockTest {
    private final ArenaMap map = ArenaMap.parse(FLAT);
    private final MatchState oneSecond = Arena.running(map, new MatchConfig(60, 1, 7), 2);

    @Test
    void theMatchEndsAfterMatchSecondsWithADrawWhenNobodyScored() {
        assertThat(oneSecond.phase()).isEqualTo(MatchPhase.RUNNING);
        assertThat(oneSecond.ticksLeft()).isEqualTo(60);
        Arena.Run almost = idle(oneSecond, 59);
        assertThat(almost.state().phase()).isEqualTo(MatchPhase.RUNNING);
        assertThat(almost.state().ticksLeft()).isEqualTo(1);
        Arena.Run end = idle(almost.state(), 1);
        assertThat(end.state().phase()).isEqualTo(MatchPhase.ENDED);
        assertThat(end.events()).containsExactly(new GameEvent.MatchEnded(oneSecond.tick() + 60, -1));
    }

    @Test
    void theWinnerHasTheMostKills() {
        MatchState s = Arena.hearts(place(place(oneSecond, 0, 100, FLOOR_Y, false), 1, 300, FLOOR_Y, true), 1, 2);
        Arena.Run r = run(s, 60, inputs(0, PlayerInput.PISTOL));
        assertThat(r.events(GameEvent.MatchEnded.class)).extracting(GameEvent.MatchEnded::winner).containsExactly(0);
        MatchResult result = r.state().result();
        assertThat(result.winner()).isZero();
        assertThat(result.winnerName()).isEqualTo("p0");
        assertThat(result.players()).containsExactly(
                new MatchResult.PlayerScore(0, "p0", 1, 0, 2),
                new MatchResult.PlayerScore(1, "p1", 0, 1, 0));
    }

    @Test
    void anEndedMatchStandsStill() {
        MatchState ended = idle(oneSecond, 60).state();
        Arena.Run after = run(ended, 30, inputs(0, PlayerInput.RIGHT | PlayerInput.PISTOL));
        assertThat(after.events()).isEmpty();
        assertThat(after.state().players()).isEqualTo(ended.players());
        assertThat(after.state().tick()).isEqualTo(ended.tick() + 30);
        assertThat(after.state().phase()).isEqualTo(MatchPhase.ENDED);
    }

    @Test
    void whileWaitingPlayersMoveButNothingElseHappens() {
        MatchState waiting = MatchState.initial(map, new MatchConfig(60, 1, 7), List.of("a", "b"))
                .withPlayerConnected(0, true).withPlayerConnected(1, true);
        waiting = place(place(waiting, 0, 100, FLOOR_Y, false), 1, 300, FLOOR_Y, true);
        Arena.Run r = run(waiting, 120, inputs(0, PlayerInput.PISTOL | PlayerInput.SWORD | PlayerInput.RIGHT));
        assertThat(r.events()).isEmpty();
        assertThat(r.state().phase()).isEqualTo(MatchPhase.WAITING);
        assertThat(r.state().ticksLeft()).isEqualTo(60);
        assertThat(r.state().player(0).x()).isGreaterThan(100f);
        assertThat(r.state().start().phase()).isEqualTo(MatchPhase.RUNNING);
    }

    @Test
    void winnerTieBreaksAreFewerDeathsThenMoreDamage() {
        var a = new MatchResult.PlayerScore(0, "a", 3, 2, 10);
        var b = new MatchResult.PlayerScore(1, "b", 3, 1, 5);
        var c = new MatchResult.PlayerScore(2, "c", 3, 1, 6);
        var d = new MatchResult.PlayerScore(3, "d", 3, 1, 6);
        assertThat(MatchResult.winnerOf(List.of(a, b))).isEqualTo(1);
        assertThat(MatchResult.winnerOf(List.of(a, b, c))).isEqualTo(2);
        assertThat(MatchResult.winnerOf(List.of(a, b, c, d))).isEqualTo(-1);
        assertThat(MatchResult.winnerOf(List.of(new MatchResult.PlayerScore(0, "x", 4, 9, 0), c))).isZero();
        assertThat(MatchResult.winnerOf(List.of())).isEqualTo(-1);
    }

    @Test
    void configIsValidated() {
        assertThat(MatchConfig.defaults()).isEqualTo(new MatchConfig(60, 180, 0));
        assertThatThrownBy(() -> new MatchConfig(0, 180, 0)).hasMessageContaining("tickRate");
        assertThatThrownBy(() -> new MatchConfig(60, 0, 0)).hasMessageContaining("matchSeconds");
    }
}
