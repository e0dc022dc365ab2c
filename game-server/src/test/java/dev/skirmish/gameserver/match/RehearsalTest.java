package dev.skirmish.gameserver.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import org.junit.jupiter.api.Test;

class RehearsalTest {
    @Test
    void playsAMatchInMemoryAndAlwaysTheSameOne() {
        MatchState a = Rehearsal.play(60, 600);
        MatchState b = Rehearsal.play(60, 600);
        assertThat(a.phase()).isEqualTo(MatchPhase.RUNNING);
        assertThat(a.tick()).isGreaterThanOrEqualTo(600);
        assertThat(a.players()).hasSize(Rehearsal.CAST.size());
        // the players moved: the random buttons reached the simulation
        assertThat(a.players()).anySatisfy(p -> assertThat(p.x()).isNotEqualTo(
                MatchState.initial(a.map(), a.config(), Rehearsal.CAST).player(p.id()).x()));
        // deterministic (fixed seed, no clock): every warm server rehearses the same match
        assertThat(b.players()).isEqualTo(a.players());
        assertThat(b.rngState()).isEqualTo(a.rngState());
    }
}
