package dev.skirmish.cli.bots;

import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.PlayerState;
import dev.skirmish.simulation.Rules;
import dev.skirmish.simulation.Simulation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a fighter gets from one place to another on a map: a graph whose nodes are the tiles one can stand in (air
 * with solid ground below) and whose edges are short button programs (walk, walk off a ledge, jump with the
 * direction held for a while). Every edge is found by running the real {@link Simulation} on a one-player world,
 * from the tile's centre and from a little off it, and kept only where all runs land on the same row; so a bot
 * that centres itself and replays the program lands where the plan says, whatever the map's shape. Built once per
 * map and process, in the background ({@link #ifBuilt}); routes to a target are computed when first asked and kept
 * (at most one table per standable tile, so bounded by the map). Thread-safe.
 */
final class ArenaRoutes {
    /** How far off the centre a bot may start a move (it walks 250 px/s, about 4 px a tick). */
    static final float CENTRE_SLACK = 2.5f;
    private static final int TICK_RATE = MatchConfig.DEFAULT_TICK_RATE;
    private static final int[] WALK_TICKS = {8, 16};
    private static final int[] JUMP_HOLD_TICKS = {6, 12, 18, 26, 34, 44};
    private static final int MAX_MOVE_TICKS = 2 * TICK_RATE;
    private static final Map<ArenaMap, CompletableFuture<ArenaRoutes>> BUILT = new ConcurrentHashMap<>();

    /** A button program from one standing tile to another; {@code buttons[i]} is held on tick i. */
    record Move(int from, int to, int[] buttons) {
        boolean walk() {
            return Arrays.stream(buttons).noneMatch(b -> (b & PlayerInput.JUMP) != 0);
        }
    }

    private final ArenaMap map;
    /** Node id of each tile (row * width + col), -1 where one cannot stand. */
    private final int[] nodeOfTile;
    private final int[] tileOfNode;
    private final List<List<Move>> movesFrom = new ArrayList<>();
    private final List<List<Move>> movesInto = new ArrayList<>();
    /** Per target node: the first move of a quickest route from every node, null where there is none. */
    private final Map<Integer, Move[]> towards = new ConcurrentHashMap<>();

    private ArenaRoutes(ArenaMap map) {
        this.map = map;
        nodeOfTile = new int[map.width() * map.height()];
        Arrays.fill(nodeOfTile, -1);
        List<Integer> tiles = new ArrayList<>();
        for (int row = 0; row < map.height(); row++) {
            for (int col = 0; col < map.width(); col++) {
                if (!map.isSolid(col, row) && map.isSolid(col, row + 1)) {
                    nodeOfTile[row * map.width() + col] = tiles.size();
                    tiles.add(row * map.width() + col);
                }
            }
        }
        tileOfNode = tiles.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < tileOfNode.length; i++) {
            movesFrom.add(new ArrayList<>());
            movesInto.add(new ArrayList<>());
        }
        MatchState probe = probeWorld(map);
        for (int node = 0; node < tileOfNode.length; node++) {
            for (int dir : new int[] {PlayerInput.LEFT, PlayerInput.RIGHT}) {
                for (int hold : WALK_TICKS) {
                    addIfSure(probe, node, program(dir, false, hold));
                }
                for (int hold : JUMP_HOLD_TICKS) {
                    addIfSure(probe, node, program(dir, true, hold));
                }
            }
        }
    }

    /** The map's routes, built now if no one has started them (under a CPU-second for the arena). */
    static ArenaRoutes of(ArenaMap map) {
        return building(map).join();
    }

    /**
     * The map's routes if they are built, else null, starting the build in the background: a bot in a running
     * match must not stall its 60 Hz loop for them (it walks straight at its enemy until they are there).
     */
    static ArenaRoutes ifBuilt(ArenaMap map) {
        return building(map).getNow(null);
    }

    private static CompletableFuture<ArenaRoutes> building(ArenaMap map) {
        return BUILT.computeIfAbsent(map, m -> CompletableFuture.supplyAsync(() -> new ArenaRoutes(m)));
    }

    int nodes() {
        return tileOfNode.length;
    }

    List<Move> movesFrom(int node) {
        return movesFrom.get(node);
    }

    /** The standing tile a fighter whose centre is at (x, y) is in, or -1 (in the air, or not on the map). */
    int nodeAt(float x, float y) {
        int col = (int) Math.floor(x / Rules.TILE_SIZE);
        int row = (int) Math.floor(y / Rules.TILE_SIZE);
        if (col < 0 || row < 0 || col >= map.width() || row >= map.height()) {
            return -1;
        }
        return nodeOfTile[row * map.width() + col];
    }

    /** The standing tile at or below (x, y): where someone in the air there comes down, or -1. */
    int nodeBelow(float x, float y) {
        int col = (int) Math.floor(x / Rules.TILE_SIZE);
        for (int row = (int) Math.floor(y / Rules.TILE_SIZE); row >= 0 && row < map.height(); row++) {
            int node = nodeAt(x, (row + 0.5f) * Rules.TILE_SIZE);
            if (node >= 0 || map.isSolid(col, row)) {
                return node;
            }
        }
        return -1;
    }

    float centreX(int node) {
        return (tileOfNode[node] % map.width() + 0.5f) * Rules.TILE_SIZE;
    }

    /** The first move of a quickest route from {@code from} to {@code to}, or null (same node, or no route). */
    Move next(int from, int to) {
        if (from < 0 || to < 0 || from == to) {
            return null;
        }
        return towards.computeIfAbsent(to, this::routesInto)[from];
    }

    /** Dijkstra backwards from the target over move durations. */
    private Move[] routesInto(int target) {
        int[] cost = new int[tileOfNode.length];
        Arrays.fill(cost, Integer.MAX_VALUE);
        Move[] first = new Move[tileOfNode.length];
        cost[target] = 0;
        PriorityQueue<int[]> queue = new PriorityQueue<>((a, b) -> Integer.compare(a[1], b[1]));
        queue.add(new int[] {target, 0});
        while (!queue.isEmpty()) {
            int[] head = queue.poll();
            if (head[1] > cost[head[0]]) {
                continue;
            }
            for (Move m : movesInto.get(head[0])) {
                int c = head[1] + m.buttons().length;
                if (c < cost[m.from()]) {
                    cost[m.from()] = c;
                    first[m.from()] = m;
                    queue.add(new int[] {m.from(), c});
                }
            }
        }
        return first;
    }

    private static int[] program(int dir, boolean jump, int hold) {
        int[] buttons = new int[Math.max(hold, 1)];
        Arrays.fill(buttons, dir);
        if (jump) {
            buttons[0] |= PlayerInput.JUMP;
        }
        return buttons;
    }

    /**
     * Keeps the program as a move when, from the centre and from either side of it, it lands on another tile of one
     * row (a bot a few pixels off may end a tile early or late: it replans from there).
     */
    private void addIfSure(MatchState probe, int node, int[] buttons) {
        float x = centreX(node);
        int width = map.width();
        int row = tileOfNode[node] / width;
        float y = (row + 1) * Rules.TILE_SIZE - Rules.PLAYER_HALF_HEIGHT;
        int landed = -1;
        int ticks = 0;
        for (float offset : new float[] {0, -CENTRE_SLACK, CENTRE_SLACK}) {
            long run = run(probe, x + offset, y, buttons);
            int to = (int) run;
            if (to < 0 || to == node || (landed >= 0 && tileOfNode[to] / width != tileOfNode[landed] / width)) {
                return;
            }
            landed = landed < 0 ? to : landed;
            ticks = Math.max(ticks, (int) (run >>> 32));
        }
        int[] padded = Arrays.copyOf(buttons, Math.max(buttons.length, ticks));
        for (Move m : movesFrom.get(node)) {
            if (m.to() == landed && m.buttons().length <= padded.length) {
                return;
            }
        }
        Move move = new Move(node, landed, padded);
        movesFrom.get(node).add(move);
        movesInto.get(landed).add(move);
    }

    /** Runs the program then waits to land: (ticks taken << 32) | node landed on, or node -1 if it never settles. */
    private long run(MatchState probe, float x, float y, int[] buttons) {
        MatchState s = place(probe, x, y);
        for (int tick = 0; tick < MAX_MOVE_TICKS; tick++) {
            int b = tick < buttons.length ? buttons[tick] : 0;
            s = Simulation.step(s, Map.of(0, PlayerInput.fromBits(tick + 1, b))).state();
            PlayerState p = s.player(0);
            if (!p.alive()) {
                return -1L & 0xffffffffL;
            }
            if (tick + 1 >= buttons.length && p.grounded() && p.vy() == 0) {
                return ((long) (tick + 1) << 32) | (nodeAt(p.x(), p.y()) & 0xffffffffL);
            }
        }
        return -1L & 0xffffffffL;
    }

    /** A running one-player world with neither bombs nor hearts, so nothing but the map acts on the probe. */
    private static MatchState probeWorld(ArenaMap map) {
        MatchState s = MatchState.initial(map, MatchConfig.defaults(), List.of("probe")).start().withPlayerConnected(0, true);
        return new MatchState(s.map(), s.config(), s.tick(), s.phase(), s.ticksLeft(), s.players(), List.of(), List.of(),
                s.rngState(), s.recentMarkers());
    }

    private static MatchState place(MatchState s, float x, float y) {
        PlayerState p = s.player(0);
        PlayerState at = new PlayerState(p.id(), p.name(), x, y, 0, 0, false, true, Rules.MAX_HEARTS, true, 0,
                Integer.MAX_VALUE / 2, 0, 0, false, 0, 0, 0, 0, 0, true, 0, 0);
        return new MatchState(s.map(), s.config(), s.tick(), s.phase(), s.ticksLeft(), List.of(at), s.bombs(), s.hearts(),
                s.rngState(), s.recentMarkers());
    }
}
