package dev.skirmish.protocol.snapshot;

import dev.skirmish.simulation.BombState;
import dev.skirmish.simulation.HeartPickup;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Between the simulation and the wire: {@link #capture} quantizes a {@link MatchState} into a {@link WorldSnapshot}
 * (server), {@link #apply} rebuilds a {@code MatchState} from a snapshot on top of the client's own copy of the
 * match (same map, config and names), so client prediction can run {@code Simulation.step} on it.
 */
public final class MatchStateSnapshots {
    public static final int HEART_BASE = 0;
    public static final int BOMB_BASE = 64;

    private MatchStateSnapshots() {
    }

    /** The snapshot of a state; {@code winner} is the winner's player id once ended, -1 otherwise. */
    public static WorldSnapshot capture(MatchState state, int winner) {
        return capture(state, winner, WorldSnapshot.EMPTY);
    }

    public static WorldSnapshot capture(MatchState state) {
        return capture(state, WorldSnapshot.EMPTY);
    }

    /**
     * As {@link #capture(MatchState)}, taking over from {@code previous} (the same match's last capture) every player
     * and item whose quantized fields did not change: the same snapshot, not an equal copy. The server captures its
     * world every tick and holds the acknowledged ones as baselines; most items and many players do not change
     * between two ticks, so sharing them cuts both the garbage per tick and what a young collection has to copy.
     */
    public static WorldSnapshot capture(MatchState state, WorldSnapshot previous) {
        return capture(state, state.phase() == MatchPhase.ENDED ? state.result().winner() : -1, previous);
    }

    private static WorldSnapshot capture(MatchState state, int winner, WorldSnapshot previous) {
        int tick = state.tick();
        // straight into the world's own maps (no lists in between): this runs on every send tick of every match
        TreeMap<Integer, PlayerSnapshot> players = WorldSnapshot.handOver();
        for (PlayerState p : state.players()) {
            players.put(p.id(), capture(p, tick, previous.players().get(p.id())));
        }
        TreeMap<Integer, ItemSnapshot> items = WorldSnapshot.handOver();
        for (HeartPickup h : state.hearts()) {
            int index = HEART_BASE + h.id();
            items.put(index, ItemSnapshot.reuseOrCreate(previous.items().get(index), index, ItemSnapshot.HEART,
                    h.available() ? 1 : 0, Quantize.position(h.x()), Quantize.position(h.y()),
                    endTick(tick, h.respawnTicks()), 0));
        }
        for (BombState b : state.bombs()) {
            int index = BOMB_BASE + b.id();
            items.put(index, ItemSnapshot.reuseOrCreate(previous.items().get(index), index, ItemSnapshot.BOMB,
                    b.phase().ordinal(), Quantize.position(b.x()), Quantize.position(b.y()), endTick(tick, b.timer()),
                    b.lighter() + 1));
        }
        MatchInfo match = new MatchInfo(state.phase().ordinal(), tick + state.ticksLeft(), winner < 0 ? 0 : winner + 1,
                tick, state.config().tickRate());
        return new WorldSnapshot(match, players, items);
    }

    static PlayerSnapshot capture(PlayerState p, int tick) {
        return capture(p, tick, null);
    }

    /** {@code previous} itself when every quantized field equals it (null: always a new one). */
    static PlayerSnapshot capture(PlayerState p, int tick, PlayerSnapshot previous) {
        int flags = (p.alive() ? PlayerSnapshot.ALIVE : 0) | (p.facingLeft() ? PlayerSnapshot.FACING_LEFT : 0)
                | (p.grounded() ? PlayerSnapshot.ON_GROUND : 0) | (p.connected() ? PlayerSnapshot.CONNECTED : 0)
                | (p.swordChained() ? PlayerSnapshot.SWORD_CHAINED : 0);
        int x = Quantize.position(p.x());
        int y = Quantize.position(p.y());
        int vx = Quantize.velocity(p.vx());
        int vy = Quantize.velocity(p.vy());
        int swordEnd = endTick(tick, p.swordTicks());
        int pistolReady = endTick(tick, p.pistolCooldown());
        int shotEnd = endTick(tick, p.shotTicks());
        int invulnerableEnd = endTick(tick, p.invulnerableTicks());
        int respawn = endTick(tick, p.respawnTicks());
        return PlayerSnapshot.reuseOrCreate(previous, p.id(), x, y, vx, vy, flags, p.lastButtons(), swordEnd,
                p.swordStage(), pistolReady, shotEnd, invulnerableEnd, respawn, p.hearts(), p.kills(), p.deaths(),
                p.damageDealt());
    }

    /** A countdown as the tick it ends at; 0 when not running. */
    static int endTick(int tick, int ticksLeft) {
        return ticksLeft > 0 ? tick + ticksLeft : 0;
    }

    /** The countdown back from its end tick. */
    static int ticksLeft(int tick, int endTick) {
        return endTick > tick ? endTick - tick : 0;
    }

    /**
     * {@code base} with everything the snapshot carries replaced: tick, phase, clock, players, hearts, bombs.
     * Names, map, config, PRNG state and spawn history stay from {@code base}; entities the snapshot does not
     * know keep their {@code base} value.
     */
    public static MatchState apply(MatchState base, WorldSnapshot world, int tick) {
        List<PlayerState> players = new ArrayList<>(base.players());
        for (int i = 0; i < players.size(); i++) {
            PlayerSnapshot s = world.players().get(i);
            if (s != null) {
                PlayerState p = players.get(i);
                players.set(i, new PlayerState(p.id(), p.name(), s.xPixels(), s.yPixels(), s.vx(), s.vy(),
                        s.has(PlayerSnapshot.FACING_LEFT), s.has(PlayerSnapshot.ON_GROUND), s.hearts(),
                        s.has(PlayerSnapshot.ALIVE), ticksLeft(tick, s.respawnTick()),
                        ticksLeft(tick, s.invulnerableEndTick()), s.swordStage(), ticksLeft(tick, s.swordEndTick()),
                        s.has(PlayerSnapshot.SWORD_CHAINED), ticksLeft(tick, s.pistolReadyTick()),
                        ticksLeft(tick, s.shotEndTick()),
                        s.kills(), s.deaths(), s.damageDealt(), s.has(PlayerSnapshot.CONNECTED),
                        p.lastInputSequence(), s.lastButtons()));
            }
        }
        List<HeartPickup> hearts = new ArrayList<>(base.hearts());
        for (int i = 0; i < hearts.size(); i++) {
            ItemSnapshot s = world.items().get(HEART_BASE + hearts.get(i).id());
            if (s != null && s.kind() == ItemSnapshot.HEART) {
                HeartPickup h = hearts.get(i);
                hearts.set(i, new HeartPickup(h.id(), h.x(), h.y(), s.state() == 1, ticksLeft(tick, s.timerEndTick())));
            }
        }
        List<BombState> bombs = new ArrayList<>(base.bombs());
        BombState.Phase[] phases = BombState.Phase.values();
        for (int i = 0; i < bombs.size(); i++) {
            ItemSnapshot s = world.items().get(BOMB_BASE + bombs.get(i).id());
            if (s != null && s.kind() == ItemSnapshot.BOMB && s.state() >= 0 && s.state() < phases.length) {
                BombState b = bombs.get(i);
                bombs.set(i, new BombState(b.id(), b.x(), b.y(), phases[s.state()], ticksLeft(tick, s.timerEndTick()),
                        s.owner() - 1));
            }
        }
        MatchPhase[] matchPhases = MatchPhase.values();
        int phase = world.match().phase();
        MatchPhase matchPhase = phase >= 0 && phase < matchPhases.length ? matchPhases[phase] : base.phase();
        return new MatchState(base.map(), base.config(), tick, matchPhase, ticksLeft(tick, world.match().endTick()),
                players, bombs, hearts, base.rngState(), base.recentMarkers());
    }
}
