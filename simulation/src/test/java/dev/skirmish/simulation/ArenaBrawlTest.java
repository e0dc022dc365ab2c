package dev.skirmish.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A whole default match on the shipped arena with simple bots: every rule gets exercised on the real map. */
class ArenaBrawlTest {
    @Test
    void aFullMatchOnTheArenaUsesEveryRuleAndEndsWithAResult() {
        int players = 12;
        MatchState s = Arena.running(ArenaMap.load("arena"), new MatchConfig(60, 180, 2024), players);
        List<GameEvent> events = new ArrayList<>();
        int t = 0;
        while (s.phase() != MatchPhase.ENDED) {
            Map<Integer, PlayerInput> in = new HashMap<>();
            for (int p = 0; p < players; p++) {
                int phase = (t / (25 + 9 * p)) % 4;
                int bits = (phase < 2 ? PlayerInput.RIGHT : PlayerInput.LEFT)
                        | ((t + 5 * p) % 40 < 12 ? PlayerInput.JUMP : 0)
                        | ((t + 3 * p) % 9 < 2 ? PlayerInput.SWORD : 0)
                        | ((t + p) % 40 < 2 ? PlayerInput.PISTOL : 0);
                in.put(p, PlayerInput.fromBits(t + 1, bits));
            }
            StepResult r = Simulation.step(s, in);
            s = r.state();
            events.addAll(r.events());
            t++;
        }
        assertThat(t).isEqualTo(180 * 60);
        Set<Class<?>> kinds = events.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(kinds).contains(GameEvent.Hit.class, GameEvent.Death.class, GameEvent.Respawn.class,
                GameEvent.HeartPicked.class, GameEvent.BombLit.class, GameEvent.BombExploded.class,
                GameEvent.BombSpawned.class, GameEvent.PistolShot.class, GameEvent.MatchEnded.class);
        assertThat(events.stream().filter(GameEvent.Hit.class::isInstance).map(e -> ((GameEvent.Hit) e).weapon())
                .collect(Collectors.toSet())).containsExactlyInAnyOrder(Weapon.values());
        assertThat(events.getLast()).isInstanceOf(GameEvent.MatchEnded.class);

        // the score adds up: every kill is someone's death, every death was announced
        MatchResult result = s.result();
        int kills = result.players().stream().mapToInt(MatchResult.PlayerScore::kills).sum();
        int deaths = result.players().stream().mapToInt(MatchResult.PlayerScore::deaths).sum();
        List<GameEvent.Death> deathEvents = events.stream().filter(GameEvent.Death.class::isInstance)
                .map(GameEvent.Death.class::cast).toList();
        assertThat(deaths).isEqualTo(deathEvents.size());
        assertThat(kills).isEqualTo((int) deathEvents.stream().filter(d -> d.killer() >= 0).count());
        int damage = events.stream().filter(GameEvent.Hit.class::isInstance).map(GameEvent.Hit.class::cast)
                .filter(h -> h.attacker() >= 0 && h.attacker() != h.victim()).mapToInt(GameEvent.Hit::damage).sum();
        assertThat(result.players().stream().mapToInt(MatchResult.PlayerScore::damageDealt).sum()).isEqualTo(damage);
        assertThat(((GameEvent.MatchEnded) events.getLast()).winner()).isEqualTo(result.winner());
    }
}
