package dev.skirmish.e2e;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A test's players on the shared stack, signed in through it and disconnected after each test. */
abstract class WithPlayers {
    final Stack stack = Stack.get();
    final List<Player> players = new ArrayList<>();

    Player login(String prefix) {
        Player p = Player.login(stack, prefix);
        players.add(p);
        return p;
    }

    @AfterEach
    void closePlayers() {
        players.forEach(Player::close);
    }
}
