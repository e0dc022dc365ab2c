package dev.skirmish.simulation;

import static dev.skirmish.simulation.Arena.FLAT;
import static dev.skirmish.simulation.Arena.FLOOR_Y;
import static dev.skirmish.simulation.Arena.idle;
import static dev.skirmish.simulation.Arena.inputs;
import static dev.skirmish.simulation.Arena.place;
import static dev.skirmish.simulation.Arena.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RespawnTest {
    private final MatchState duel = Arena.hearts(
            place(place(Arena.running(FLAT, 2), 0, 100, FLOOR_Y, false), 1, 300, FLOOR_Y, true), 1, 2);

    @Test
    void theDeadComeBackAfterTwoSecondsAtAMarkerWithFullHeartsAndProtection() {
        Arena.Run kill = run(duel, 1, inputs(0, PlayerInput.PISTOL));
        int deathTick = kill.events(GameEvent.Death.class).getFirst().tick();
        PlayerState dead = kill.state().player(1);
        assertThat(dead.alive()).isFalse();
        assertThat(dead.respawnTicks()).isEqualTo(120);

        Arena.Run almost = idle(kill.state(), 119);
        assertThat(almost.state().player(1).alive()).isFalse();
        // a dead player can neither move nor be hit
        Arena.Run back = idle(almost.state(), 1);
        GameEvent.Respawn respawn = back.events(GameEvent.Respawn.class).getFirst();
        assertThat(respawn.tick()).isEqualTo(deathTick + 120);
        assertThat(respawn.player()).isEqualTo(1);
        PlayerState p = back.state().player(1);
        ArenaMap.Spot marker = back.state().map().spawnMarkers().get(respawn.marker());
        assertThat(p.alive()).isTrue();
        assertThat(p.hearts()).isEqualTo(3);
        assertThat(p.x()).isEqualTo(marker.x());
        assertThat(p.y()).isEqualTo(FLOOR_Y);
        assertThat(p.invulnerableTicks()).isEqualTo(60);
        assertThat(back.state().recentMarkers().getLast()).isEqualTo(respawn.marker());
    }

    @Test
    void deadPlayersIgnoreInputs() {
        MatchState dead = run(duel, 1, inputs(0, PlayerInput.PISTOL)).state();
        PlayerState before = dead.player(1);
        PlayerState after = run(dead, 30, inputs(1, PlayerInput.RIGHT | PlayerInput.PISTOL)).state().player(1);
        assertThat(after.x()).isEqualTo(before.x());
        assertThat(after.pistolCooldown()).isZero();
    }

    @Test
    void aPlayerOutsideTheMapRespawnsAsADeathWithoutKiller() {
        MatchState lost = Arena.edit(duel, 0, f -> f.y = 5000);
        Arena.Run r = idle(lost, 1);
        assertThat(r.events()).containsExactly(new GameEvent.Death(duel.tick() + 1, 0, -1));
        MatchState nan = Arena.edit(duel, 0, f -> f.x = Float.NaN);
        assertThat(idle(nan, 1).state().player(0).alive()).isFalse();
        assertThat(idle(r.state(), 120).events(GameEvent.Respawn.class)).hasSize(1);
    }

    @Property(tries = 30)
    void spawnsAvoidTheLastSevenMarkers(@ForAll long seed) {
        MatchState s = MatchState.initial(ArenaMap.load("arena"), MatchConfig.defaults().withSeed(seed),
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"));
        List<Integer> picks = new ArrayList<>(s.recentMarkers());
        World w = World.of(s);
        for (int i = 0; i < 300; i++) {
            picks.add(Respawns.pickMarker(w));
        }
        for (int i = 7; i < picks.size(); i++) {
            assertThat(picks.subList(i - 7, i)).doesNotContain(picks.get(i));
        }
        assertThat(picks.stream().collect(Collectors.toSet())).hasSize(12);
        assertThat(w.freeze().recentMarkers()).hasSize(7).isEqualTo(picks.subList(picks.size() - 7, picks.size()));
    }

    @Test
    void initialSpawnsSpreadPlayersOverDifferentMarkers() {
        MatchState s = MatchState.initial(ArenaMap.load("arena"), MatchConfig.defaults(),
                List.of("a", "b", "c", "d", "e", "f", "g"));
        assertThat(s.players().stream().map(p -> p.x() + "," + p.y()).distinct()).hasSize(7);
    }

    @Test
    void smallMapsStillFindAMarker() {
        MatchState s = Arena.running(FLAT, 5);
        World w = World.of(s);
        int last = w.recentMarkers.getLast();
        for (int i = 0; i < 20; i++) {
            int m = Respawns.pickMarker(w);
            assertThat(m).isNotEqualTo(last).isBetween(0, 1);
            last = m;
        }
    }
}
