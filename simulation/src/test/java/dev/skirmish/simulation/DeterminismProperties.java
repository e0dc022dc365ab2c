package dev.skirmish.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random button mashing on the real arena: replays are exact and the world stays sane. */
class DeterminismProperties {
    private static final ArenaMap ARENA = ArenaMap.load("arena");
    private static final int MASK = (1 << 30) - 1;

    private static MatchState start(int players, long seed) {
        return Arena.running(ARENA, new MatchConfig(60, 180, seed), players);
    }

    /** Each packed int holds 5 button bits for each of up to 6 players; ticks divisible by 7 are left out. */
    private static InputLog log(int players, List<Integer> packed) {
        List<InputLog.Entry> entries = new ArrayList<>();
        for (int t = 0; t < packed.size(); t++) {
            if (t % 7 == 3) {
                continue;
            }
            Map<Integer, PlayerInput> in = new HashMap<>();
            for (int p = 0; p < players; p++) {
                in.put(p, PlayerInput.fromBits(t + 1, (packed.get(t) >>> (5 * p)) & PlayerInput.ALL_BUTTONS));
            }
            entries.add(new InputLog.Entry(t, in));
        }
        return new InputLog(entries);
    }

    @Property(tries = 60)
    void theSameInputLogGivesTheSameFinalState(@ForAll @IntRange(min = 1, max = 6) int players, @ForAll long seed,
            @ForAll @Size(min = 1, max = 500) List<@IntRange(min = 0, max = MASK) Integer> packed) {
        InputLog log = log(players, packed);
        MatchState a = InputLog.replay(start(players, seed), log);
        MatchState b = InputLog.replay(start(players, seed), log);
        assertThat(a).isEqualTo(b);
        assertThat(a.tick()).isEqualTo(log.entries().getLast().tick() + 1);
    }

    @Property(tries = 60)
    void inputsNeverProduceNaNOrPositionsOutsideTheMap(@ForAll @IntRange(min = 1, max = 6) int players,
            @ForAll long seed, @ForAll @Size(min = 1, max = 500) List<@IntRange(min = 0, max = MASK) Integer> packed) {
        MatchState s = start(players, seed);
        for (InputLog.Entry e : log(players, packed).entries()) {
            while (s.tick() <= e.tick()) {
                s = Simulation.step(s, s.tick() == e.tick() ? e.inputs() : Map.of()).state();
                for (PlayerState p : s.players()) {
                    assertSane(s, p);
                }
            }
        }
    }

    private static void assertSane(MatchState s, PlayerState p) {
        assertThat(Float.isFinite(p.x()) && Float.isFinite(p.y()) && Float.isFinite(p.vx()) && Float.isFinite(p.vy()))
                .as("finite %s", p).isTrue();
        assertThat(p.x() - Rules.PLAYER_HALF_WIDTH).isGreaterThanOrEqualTo(0f);
        assertThat(p.x() + Rules.PLAYER_HALF_WIDTH).isLessThanOrEqualTo(s.map().pixelWidth());
        assertThat(p.y() - Rules.PLAYER_HALF_HEIGHT).isGreaterThanOrEqualTo(0f);
        assertThat(p.y() + Rules.PLAYER_HALF_HEIGHT).isLessThanOrEqualTo(s.map().pixelHeight());
        assertThat(p.hearts()).isBetween(0, Rules.MAX_HEARTS);
        if (p.alive()) {
            assertThat(s.map().overlapsSolid(p.x() - Rules.PLAYER_HALF_WIDTH, p.y() - Rules.PLAYER_HALF_HEIGHT,
                    p.x() + Rules.PLAYER_HALF_WIDTH, p.y() + Rules.PLAYER_HALF_HEIGHT)).as("inside a wall: %s", p).isFalse();
        }
    }

    @Property(tries = 5)
    void aWholeMatchReplaysExactlyIncludingItsEvents(@ForAll long seed) {
        int players = 12;
        // a scripted brawl: everyone runs back and forth, jumps, swings and shoots on their own rhythm
        InputLog log = InputLog.empty();
        List<Map<Integer, PlayerInput>> perTick = new ArrayList<>();
        for (int t = 0; t < 60 * 60; t++) {
            Map<Integer, PlayerInput> in = new HashMap<>();
            for (int p = 0; p < players; p++) {
                int phase = (t / (20 + 7 * p)) % 4;
                int bits = (phase < 2 ? PlayerInput.RIGHT : PlayerInput.LEFT)
                        | ((t + p) % 45 == 0 ? PlayerInput.JUMP : 0)
                        | ((t + 3 * p) % 11 < 2 ? PlayerInput.SWORD : 0)
                        | ((t + p) % 50 < 3 ? PlayerInput.PISTOL : 0);
                in.put(p, PlayerInput.fromBits(t + 1, bits));
            }
            perTick.add(in);
        }
        List<GameEvent> first = play(start(players, seed), perTick);
        List<GameEvent> second = play(start(players, seed), perTick);
        assertThat(first).isEqualTo(second).isNotEmpty();
        assertThat(first).anyMatch(e -> e instanceof GameEvent.Hit);
        for (int t = 0; t < perTick.size(); t++) {
            log = log.with(t, perTick.get(t));
        }
        assertThat(InputLog.replay(start(players, seed), log)).isEqualTo(replayed(start(players, seed), perTick));
    }

    private static List<GameEvent> play(MatchState s, List<Map<Integer, PlayerInput>> perTick) {
        List<GameEvent> events = new ArrayList<>();
        for (Map<Integer, PlayerInput> in : perTick) {
            StepResult r = Simulation.step(s, in);
            s = r.state();
            events.addAll(r.events());
        }
        return events;
    }

    private static MatchState replayed(MatchState s, List<Map<Integer, PlayerInput>> perTick) {
        for (Map<Integer, PlayerInput> in : perTick) {
            s = Simulation.step(s, in).state();
        }
        return s;
    }
}
