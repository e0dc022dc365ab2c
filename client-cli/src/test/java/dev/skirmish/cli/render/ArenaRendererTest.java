package dev.skirmish.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.render.ArenaView.Fighter;
import dev.skirmish.cli.render.ArenaView.Item;
import dev.skirmish.simulation.ArenaMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renderer on a virtual screen: a known state, characters asserted at known cells. */
class ArenaRendererTest {
    // 6x4 tiles: walls around, one platform tile at (3,2)
    static final ArenaMap MAP = ArenaMap.parse("""
            ######
            #S...#
            #..#.#
            ######
            """);

    static Fighter fighter(int index, String name, float x, float y, boolean self, int action, boolean facingLeft) {
        return new Fighter(index, name, x, y, 3, true, facingLeft, action, index, 1, self, true);
    }

    @Test
    void drawsWallsPlayersNamesHeartsItemsAndHud() {
        ArenaView view = new ArenaView(MAP, List.of(
                fighter(0, "alice", 48, 48, true, 0, false),     // tile (1,1) -> col 3, row 3
                fighter(1, "bob", 144, 80, false, 1, true)),     // tile (4,2) -> col 9, row 4; sword to the left
                List.of(new Item(1, 1, 80, 48), new Item(2, 2, 80, 80), new Item(2, 0, 48, 80)),
                1, 125, -1, "");
        Screen s = ArenaRenderer.render(view, 60, 7);

        assertThat(s.line(0)).startsWith("SKIRMISH  2:05  fight!");
        assertThat(s.line(1)).contains("[alice] ♥♥♥ 0/1").contains("bob ♥♥♥ 1/1");
        // walls: top row of the map is row 2, two columns per tile
        assertThat(s.line(5)).startsWith("############").as("nothing right of the map").endsWith("  ");
        assertThat(s.at(12, 5)).isEqualTo(' ');
        assertThat(s.at(11, 2)).isEqualTo('#');
        // alice's label is centred above her on the top wall row and clipped at the left edge
        assertThat(s.line(2)).startsWith("lice♥♥♥#");
        assertThat(s.at(0, 3)).isEqualTo('#');
        assertThat(s.at(6, 4)).isEqualTo('#').as("the platform tile (3,2)");
        assertThat(s.at(7, 4)).isEqualTo('#');
        // players
        assertThat(s.at(3, 3)).isEqualTo('@');
        assertThat(s.at(9, 4)).isEqualTo('B');
        assertThat(s.at(8, 4)).isEqualTo('\\').as("bob's sword, facing left");
        // bob's label sits on the row above him, centred
        assertThat(s.line(3)).contains("bob♥♥♥");
        // items: heart pickup at tile (2,1) -> col 5 row 3; lit bomb at tile (2,2) -> col 5 row 4; an absent bomb is not drawn
        assertThat(s.at(5, 3)).isEqualTo('♥');
        assertThat(s.at(5, 4)).isEqualTo('*');
        assertThat(s.at(3, 4)).isEqualTo(' ');
    }

    @Test
    void shootingDrawsTheShotAndDeadPlayersAreHidden() {
        Fighter shooter = fighter(0, "zed", 48, 48, false, 4, false);
        Fighter dead = new Fighter(1, "ann", 144, 48, 0, false, false, 0, 0, 2, false, true);
        Screen s = ArenaRenderer.render(new ArenaView(MAP, List.of(shooter, dead), List.of(), 1, 3, -1, "reconnecting"),
                60, 7);
        assertThat(s.at(3, 3)).isEqualTo('Z');
        assertThat(s.line(3).substring(4, 10)).isEqualTo("------");
        assertThat(s.toString()).doesNotContain("A");
        assertThat(s.line(0)).contains("0:03").contains("| reconnecting");
    }

    @Test
    void scoreboardRanksByKills() {
        ArenaView end = new ArenaView(MAP, List.of(fighter(0, "alice", 48, 48, true, 0, false),
                fighter(2, "carol", 48, 48, false, 0, false)), List.of(), 2, 0, 2, "");
        Screen s = ScoreboardRenderer.render(end, 60, 12, "press any key");
        assertThat(s.line(1)).contains("SCOREBOARD");
        assertThat(s.line(2)).contains("winner: carol");
        assertThat(s.line(5)).contains("1").contains("carol").contains("2");
        assertThat(s.line(6)).contains("alice").contains("<- you");
        assertThat(s.toString()).contains("press any key");
    }
}
