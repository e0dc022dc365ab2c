package dev.skirmish.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArenaMapTest {
    private final ArenaMap arena = ArenaMap.load("arena");

    @Test
    void theArenaHasTheReferenceLayout() {
        assertThat(arena.width()).isEqualTo(40);
        assertThat(arena.height()).isEqualTo(24);
        assertThat(arena.tileSize()).isEqualTo(32);
        assertThat(arena.spawnMarkers()).hasSize(12);
        assertThat(arena.heartSpawners()).hasSize(5);
        assertThat(arena.bombSpawners()).hasSize(7);
    }

    @Test
    void edgesAndOutsideAreSolid() {
        for (int c = 0; c < arena.width(); c++) {
            assertThat(arena.isSolid(c, 0)).isTrue();
            assertThat(arena.isSolid(c, arena.height() - 1)).isTrue();
        }
        for (int r = 0; r < arena.height(); r++) {
            assertThat(arena.isSolid(0, r)).isTrue();
            assertThat(arena.isSolid(arena.width() - 1, r)).isTrue();
        }
        assertThat(arena.isSolid(-1, 5)).isTrue();
        assertThat(arena.isSolid(5, 99)).isTrue();
        assertThat(arena.isSolidAt(-0.5f, 100)).isTrue();
    }

    @Test
    void everyMarkerAndSpawnerStandsOnSolidGround() {
        for (List<ArenaMap.Spot> spots : List.of(arena.spawnMarkers(), arena.heartSpawners(), arena.bombSpawners())) {
            for (ArenaMap.Spot s : spots) {
                assertThat(arena.isSolid(s.col(), s.row())).isFalse();
                assertThat(arena.isSolid(s.col(), s.row() + 1)).as("ground under %s", s).isTrue();
                assertThat(s.x()).isEqualTo(s.col() * 32 + 16f);
            }
        }
    }

    @Test
    void parsesCommentsAndMarkers() {
        ArenaMap m = ArenaMap.parse("; a comment\n####\n#SH#\n#B.#\n####\n");
        assertThat(m.width()).isEqualTo(4);
        assertThat(m.height()).isEqualTo(4);
        assertThat(m.spawnMarkers()).containsExactly(new ArenaMap.Spot(1, 1, 48, 48));
        assertThat(m.heartSpawners()).containsExactly(new ArenaMap.Spot(2, 1, 80, 48));
        assertThat(m.bombSpawners()).containsExactly(new ArenaMap.Spot(1, 2, 48, 80));
        assertThat(m).isEqualTo(ArenaMap.parse("####\r\n#SH#\r\n#B.#\r\n####"));
    }

    @Test
    void badMapsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ArenaMap.parse("####\n#S#\n")).hasMessageContaining("line 2: width 3");
        assertThatThrownBy(() -> ArenaMap.parse("###\n#S?\n")).hasMessageContaining("unknown tile '?'");
        assertThatThrownBy(() -> ArenaMap.parse("###\n#.#\n")).hasMessageContaining("no spawn marker");
        assertThatThrownBy(() -> ArenaMap.parse("; only a comment\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> ArenaMap.parse("S" + ".".repeat(300))).hasMessageContaining("too large");
        assertThatThrownBy(() -> ArenaMap.load("../secret")).hasMessageContaining("bad map name");
        assertThatThrownBy(() -> ArenaMap.load("nope")).hasMessageContaining("no map resource /maps/nope.txt");
    }

    @Test
    void aMapIsReadOncePerProcess() {
        assertThat(ArenaMap.load("arena")).isSameAs(ArenaMap.load("arena"));
        // a missing map is not remembered as anything: it fails every time
        assertThatThrownBy(() -> ArenaMap.load("nope")).hasMessageContaining("no map resource");
        assertThatThrownBy(() -> ArenaMap.load("nope")).hasMessageContaining("no map resource");
    }
}
