package dev.skirmish.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole world at one tick, immutable. {@link Simulation#step} makes the next one.
 *
 * @param tick          steps taken since {@link #initial}
 * @param phase         WAITING until the server calls {@link #start()}, then RUNNING, then ENDED
 * @param ticksLeft     ticks of the running phase left (the match clock)
 * @param players       indexed by player id
 * @param bombs         indexed by bomb spawner
 * @param hearts        indexed by heart spawner
 * @param rngState      state of the deterministic PRNG
 * @param recentMarkers spawn markers of the last {@value Rules#RECENT_MARKERS} spawns, oldest first
 */
public record MatchState(
        ArenaMap map,
        MatchConfig config,
        int tick,
        MatchPhase phase,
        int ticksLeft,
        List<PlayerState> players,
        List<BombState> bombs,
        List<HeartPickup> hearts,
        long rngState,
        List<Integer> recentMarkers) {

    public MatchState {
        players = List.copyOf(players);
        bombs = List.copyOf(bombs);
        hearts = List.copyOf(hearts);
        recentMarkers = List.copyOf(recentMarkers);
    }

    /**
     * A fresh match in phase WAITING: one player per name (id = index), each at its own spawn marker with full
     * hearts, all disconnected until the server calls {@link #withPlayerConnected}. Bombs and hearts are ready.
     */
    public static MatchState initial(ArenaMap map, MatchConfig config, List<String> playerNames) {
        if (playerNames.size() > Rules.MAX_PLAYERS) {
            throw new IllegalArgumentException("at most " + Rules.MAX_PLAYERS + " players, got " + playerNames.size());
        }
        List<BombState> bombs = new ArrayList<>();
        for (ArenaMap.Spot s : map.bombSpawners()) {
            bombs.add(BombState.ready(bombs.size(), s.x(), s.y()));
        }
        List<HeartPickup> hearts = new ArrayList<>();
        for (ArenaMap.Spot s : map.heartSpawners()) {
            hearts.add(new HeartPickup(hearts.size(), s.x(), s.y(), true, 0));
        }
        List<PlayerState> players = new ArrayList<>();
        for (int id = 0; id < playerNames.size(); id++) {
            String name = playerNames.get(id);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("player " + id + " has no name");
            }
            if (playerNames.indexOf(name) != id) {
                throw new IllegalArgumentException("player name '" + name + "' appears twice");
            }
            players.add(new PlayerState(id, name, 0, 0, 0, 0, false, false, Rules.MAX_HEARTS, false, 0, 0, 0, 0,
                    false, 0, 0, 0, 0, 0, false, 0, 0));
        }
        MatchState empty = new MatchState(map, config, 0, MatchPhase.WAITING, config.matchTicks(), players, bombs,
                hearts, config.seed(), List.of());
        World world = World.of(empty);
        for (Fighter f : world.fighters) {
            Respawns.spawn(world, f, false);
        }
        return world.freeze();
    }

    /** The match clock starts: phase RUNNING with the full match time (no-op unless WAITING). */
    public MatchState start() {
        if (phase != MatchPhase.WAITING) {
            return this;
        }
        return new MatchState(map, config, tick, MatchPhase.RUNNING, config.matchTicks(), players, bombs, hearts,
                rngState, recentMarkers);
    }

    /**
     * Marks a player's client as connected or not. A disconnected player stays in the match, frozen and
     * untouchable, keeping hearts, position and score; reconnecting gives all of it back.
     */
    public MatchState withPlayerConnected(int playerId, boolean connected) {
        PlayerState p = player(playerId);
        if (p.connected() == connected) {
            return this;
        }
        List<PlayerState> list = new ArrayList<>(players);
        list.set(playerId, p.withConnected(connected));
        return new MatchState(map, config, tick, phase, ticksLeft, list, bombs, hearts, rngState, recentMarkers);
    }

    /** The player with this id; {@link IllegalArgumentException} for an unknown id. */
    public PlayerState player(int playerId) {
        if (playerId < 0 || playerId >= players.size()) {
            throw new IllegalArgumentException("no player " + playerId + " (match has " + players.size() + ")");
        }
        return players.get(playerId);
    }

    /** Id of the player with this name, or -1. */
    public int playerId(String name) {
        for (PlayerState p : players) {
            if (p.name().equals(name)) {
                return p.id();
            }
        }
        return -1;
    }

    /** Seconds left on the match clock. */
    public float secondsLeft() {
        return ticksLeft / (float) config.tickRate();
    }

    public MatchResult result() {
        return MatchResult.of(this);
    }
}
