package dev.skirmish.cli.render;

import dev.skirmish.simulation.ArenaMap;
import java.util.List;

/**
 * Everything the arena screen shows at one moment, already resolved (own player predicted, others interpolated).
 *
 * @param phase       0 waiting, 1 running, 2 ended
 * @param winnerIndex player index of the winner once ended, -1 for none
 * @param status      one line for the player: connection trouble, hints
 */
public record ArenaView(ArenaMap map, List<Fighter> fighters, List<Item> items, int phase, int secondsLeft,
                        int winnerIndex, String status) {

    /** A player as drawn: position in pixels, {@code action} 0 idle, 1-3 sword, 4 shooting. */
    public record Fighter(int index, String name, float x, float y, int hearts, boolean alive, boolean facingLeft,
                          int action, int kills, int deaths, boolean self, boolean connected) {
    }

    /** A heart pickup ({@code kind} 1, state 1 = available) or a bomb (kind 2, state 1 ready, 2 lit). */
    public record Item(int kind, int state, float x, float y) {
    }
}
