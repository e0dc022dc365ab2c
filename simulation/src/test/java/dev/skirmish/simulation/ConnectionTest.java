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
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private final ArenaMap map = ArenaMap.parse(FLAT);

    @Test
    void aNewMatchWaitsWithEveryoneDisconnectedAtFullHearts() {
        MatchState s = MatchState.initial(map, MatchConfig.defaults(), List.of("alice", "bob"));
        assertThat(s.phase()).isEqualTo(MatchPhase.WAITING);
        assertThat(s.tick()).isZero();
        assertThat(s.players()).extracting(PlayerState::connected).containsExactly(false, false);
        assertThat(s.players()).extracting(PlayerState::hearts).containsExactly(3, 3);
        assertThat(s.playerId("bob")).isEqualTo(1);
        assertThat(s.playerId("carol")).isEqualTo(-1);
        assertThat(s.bombs()).isEmpty();
        assertThatThrownBy(() -> s.player(2)).hasMessageContaining("no player 2");
    }

    @Test
    void aDroppedPlayerKeepsSlotScoreAndPlaceAndGetsThemBack() {
        MatchState s = Arena.hearts(place(place(Arena.running(FLAT, 2), 0, 100, FLOOR_Y, false), 1, 300, FLOOR_Y, true), 1, 2);
        MatchState scored = run(s, 1, inputs(0, PlayerInput.PISTOL)).state();
        scored = idle(scored, 130).state();
        MatchState dropped = scored.withPlayerConnected(0, false);
        PlayerState before = dropped.player(0);
        assertThat(before.kills()).isEqualTo(1);

        // while away: inputs ignored, nothing moves it, nobody can hit it
        MatchState shooter = place(dropped, 1, 300, FLOOR_Y, true);
        Arena.Run away = run(shooter, 60, Map.of(0, PlayerInput.fromBits(9, PlayerInput.RIGHT),
                1, PlayerInput.fromBits(9, PlayerInput.PISTOL)));
        PlayerState during = away.state().player(0);
        assertThat(during.x()).isEqualTo(before.x());
        assertThat(during.hearts()).isEqualTo(before.hearts());
        assertThat(during.lastInputSequence()).isEqualTo(before.lastInputSequence());
        assertThat(away.events(GameEvent.Hit.class)).isEmpty();

        MatchState back = away.state().withPlayerConnected(0, true);
        assertThat(back.player(0).connected()).isTrue();
        assertThat(back.player(0).kills()).isEqualTo(1);
        assertThat(run(back, 10, inputs(0, PlayerInput.LEFT)).state().player(0).x()).isLessThan(before.x());
    }

    @Test
    void theLastAppliedInputSequenceIsRemembered() {
        MatchState s = Arena.running(FLAT, 2);
        MatchState next = Simulation.step(s, Map.of(1, PlayerInput.fromBits(77, 0))).state();
        assertThat(next.player(1).lastInputSequence()).isEqualTo(77);
        assertThat(next.player(0).lastInputSequence()).isZero();
        // an id that is not in the match is ignored, as is a null map
        assertThat(Simulation.step(next, Map.of(5, PlayerInput.fromBits(1, 1))).state().players())
                .isEqualTo(Simulation.step(next, null).state().players());
    }

    @Test
    void atMost64Players() {
        List<String> names = java.util.stream.IntStream.range(0, 65).mapToObj(i -> "p" + i).toList();
        assertThatThrownBy(() -> MatchState.initial(map, MatchConfig.defaults(), names)).hasMessageContaining("64");
        assertThatThrownBy(() -> MatchState.initial(map, MatchConfig.defaults(), List.of("a", "b", "a")))
                .hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> MatchState.initial(map, MatchConfig.defaults(), List.of("a", " ")))
                .hasMessageContaining("player 1 has no name");
        assertThat(MatchState.initial(ArenaMap.load("arena"), MatchConfig.defaults(), names.subList(0, 64)).players())
                .hasSize(64);
    }
}
