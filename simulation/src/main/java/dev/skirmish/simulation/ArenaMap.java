package dev.skirmish.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A side-on tile map. Text format, one line per row of tiles: {@code #} solid, {@code .} air, {@code S} spawn
 * marker, {@code H} heart spawner, {@code B} bomb spawner (markers and spawners are air tiles). Lines starting
 * with {@code ;} are comments. Everything outside the map counts as solid, so the edges are walls.
 * Coordinates are pixels, y growing downwards; tile (col, row) covers [col*32, col*32+32).
 */
public final class ArenaMap {
    /** Largest accepted map, in tiles per side (keeps a hostile map file from allocating much). */
    public static final int MAX_TILES_PER_SIDE = 256;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Map<String, ArenaMap> LOADED = new ConcurrentHashMap<>();

    private final int width;
    private final int height;
    private final boolean[] solid;
    private final List<Spot> spawnMarkers;
    private final List<Spot> heartSpawners;
    private final List<Spot> bombSpawners;

    /** An item position: tile column/row and the pixel centre of that tile. */
    public record Spot(int col, int row, float x, float y) {
    }

    private ArenaMap(int width, int height, boolean[] solid, List<Spot> spawns, List<Spot> hearts,
            List<Spot> bombs) {
        this.width = width;
        this.height = height;
        this.solid = solid;
        this.spawnMarkers = List.copyOf(spawns);
        this.heartSpawners = List.copyOf(hearts);
        this.bombSpawners = List.copyOf(bombs);
    }

    /**
     * Loads resource {@code /maps/<name>.txt}, for example {@code load("arena")}, once per process: maps are
     * immutable, and a match start (a warm server's allocation) should not parse the same text again.
     */
    public static ArenaMap load(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad map name: " + name);
        }
        return LOADED.computeIfAbsent(name, ArenaMap::read); // a missing resource throws and is not kept
    }

    private static ArenaMap read(String name) {
        String path = "/maps/" + name + ".txt";
        try (InputStream in = ArenaMap.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no map resource " + path);
            }
            return parse(new String(in.readNBytes(MAX_TILES_PER_SIDE * (MAX_TILES_PER_SIDE + 2) * 2),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read map resource " + path, e);
        }
    }

    /** Parses the text format; throws {@link IllegalArgumentException} naming the line for bad input. */
    public static ArenaMap parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("map text is null");
        }
        List<String> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            if (!rows.isEmpty() && line.length() != rows.get(0).length()) {
                throw new IllegalArgumentException("map line " + (i + 1) + ": width " + line.length()
                        + ", expected " + rows.get(0).length());
            }
            rows.add(line);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("map has no rows");
        }
        int w = rows.get(0).length();
        int h = rows.size();
        if (w > MAX_TILES_PER_SIDE || h > MAX_TILES_PER_SIDE) {
            throw new IllegalArgumentException("map too large: " + w + "x" + h + " tiles, max "
                    + MAX_TILES_PER_SIDE);
        }
        boolean[] solid = new boolean[w * h];
        List<Spot> spawns = new ArrayList<>();
        List<Spot> hearts = new ArrayList<>();
        List<Spot> bombs = new ArrayList<>();
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                char c = rows.get(row).charAt(col);
                Spot spot = new Spot(col, row, (col + 0.5f) * Rules.TILE_SIZE, (row + 0.5f) * Rules.TILE_SIZE);
                switch (c) {
                    case '#' -> solid[row * w + col] = true;
                    case '.' -> { }
                    case 'S' -> spawns.add(spot);
                    case 'H' -> hearts.add(spot);
                    case 'B' -> bombs.add(spot);
                    default -> throw new IllegalArgumentException("map row " + row + " column " + col
                            + ": unknown tile '" + c + "' (use # . S H B)");
                }
            }
        }
        if (spawns.isEmpty()) {
            throw new IllegalArgumentException("map has no spawn marker 'S'");
        }
        return new ArenaMap(w, h, solid, spawns, hearts, bombs);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int tileSize() {
        return Rules.TILE_SIZE;
    }

    public float pixelWidth() {
        return width * (float) Rules.TILE_SIZE;
    }

    public float pixelHeight() {
        return height * (float) Rules.TILE_SIZE;
    }

    /** Whether tile (col, row) is solid; every tile outside the map is. */
    public boolean isSolid(int col, int row) {
        if (col < 0 || row < 0 || col >= width || row >= height) {
            return true;
        }
        return solid[row * width + col];
    }

    /** Whether the pixel point lies in a solid tile. */
    public boolean isSolidAt(float x, float y) {
        return isSolid(tileOf(x), tileOf(y));
    }

    /** Whether any solid tile overlaps the open box (left, top)–(right, bottom). */
    public boolean overlapsSolid(float left, float top, float right, float bottom) {
        int c0 = tileOf(left);
        int c1 = tileOf(Math.nextDown(right));
        int r0 = tileOf(top);
        int r1 = tileOf(Math.nextDown(bottom));
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (isSolid(c, r)) {
                    return true;
                }
            }
        }
        return false;
    }

    static int tileOf(float px) {
        return (int) Math.floor(px / Rules.TILE_SIZE);
    }

    public List<Spot> spawnMarkers() {
        return spawnMarkers;
    }

    public List<Spot> heartSpawners() {
        return heartSpawners;
    }

    public List<Spot> bombSpawners() {
        return bombSpawners;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArenaMap m && m.width == width && m.height == height && Arrays.equals(m.solid, solid)
                && m.spawnMarkers.equals(spawnMarkers) && m.heartSpawners.equals(heartSpawners)
                && m.bombSpawners.equals(bombSpawners);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(solid);
    }

    @Override
    public String toString() {
        return "ArenaMap[" + width + "x" + height + " tiles, " + spawnMarkers.size() + " spawns, "
                + heartSpawners.size() + " hearts, " + bombSpawners.size() + " bombs]";
    }
}
