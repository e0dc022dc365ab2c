package dev.skirmish.cli.bots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.simulation.ArenaMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arena is one connected place: from every spawn marker the real simulation (through {@link ArenaRoutes}' walks,
 * drops and jumps) reaches every other marker's tile. Stops the level-design bug where the upper half could be left
 * by falling but never climbed back into (the row-11 platforms roofed the central platform's ends and a jump rises
 * only about 3.15 tiles), which left a player up there out of reach for the whole match.
 */
class ArenaReachabilityTest {

    @Test
    void everySpawnMarkerReachesEveryOtherSpawnMarkersTile() {
        ArenaMap arena = ArenaMap.load("arena");
        ArenaRoutes routes = ArenaRoutes.of(arena);
        List<ArenaMap.Spot> markers = arena.spawnMarkers();
        List<String> unreachable = new ArrayList<>();
        for (ArenaMap.Spot from : markers) {
            int start = routes.nodeAt(from.x(), from.y());
            assertThat(start).as("spawn marker %s stands on ground", from).isNotNegative();
            for (ArenaMap.Spot to : markers) {
                if (from != to && routes.next(start, routes.nodeAt(to.x(), to.y())) == null) {
                    unreachable.add(from.col() + "," + from.row() + " -> " + to.col() + "," + to.row());
                }
            }
        }
        assertThat(unreachable).as("ordered pairs of the %d spawn markers with no route", markers.size()).isEmpty();
    }
}
