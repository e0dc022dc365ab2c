package dev.skirmish.protocol.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but plausible worlds (arena of 2000 × 1200 px, up to 64 players, 12 items) for snapshot tests. */
final class Worlds {
    private Worlds() {
    }

    static WorldSnapshot random(Random rnd, int players) {
        List<PlayerSnapshot> ps = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            ps.add(player(rnd, i));
        }
        List<ItemSnapshot> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(new ItemSnapshot(i < 5 ? i : 64 + i, i < 5 ? 1 : 2, rnd.nextInt(3),
                    Quantize.position(rnd.nextInt(2000)), Quantize.position(rnd.nextInt(1200)), rnd.nextInt(900),
                    rnd.nextInt(3)));
        }
        return WorldSnapshot.of(new MatchInfo(1, rnd.nextInt(10_800), 0), ps, items);
    }

    static PlayerSnapshot player(Random rnd, int index) {
        boolean moving = rnd.nextBoolean();
        return new PlayerSnapshot(index, Quantize.position(rnd.nextDouble() * 2000),
                Quantize.position(rnd.nextDouble() * 1200), moving ? Quantize.velocity(rnd.nextDouble() * 500 - 250) : 0,
                moving ? Quantize.velocity(rnd.nextDouble() * 1100 - 550) : 0, rnd.nextInt(32), rnd.nextInt(32),
                rnd.nextInt(20), rnd.nextInt(4), rnd.nextInt(30), rnd.nextInt(10), rnd.nextInt(60), 0,
                rnd.nextInt(4), rnd.nextInt(20), rnd.nextInt(20), rnd.nextInt(60));
    }

    /** One tick later: everyone moves a little, some things change. */
    static WorldSnapshot step(Random rnd, WorldSnapshot w) {
        List<PlayerSnapshot> ps = new ArrayList<>();
        for (PlayerSnapshot p : w.players().values()) {
            if (rnd.nextInt(10) < 7) {
                ps.add(new PlayerSnapshot(p.index(), p.x() + rnd.nextInt(70) - 35, p.y() + rnd.nextInt(150) - 75,
                        p.vx() + rnd.nextInt(3) - 1, p.vy() + 25, p.flags(), p.lastButtons(),
                        p.swordEndTick(), p.swordStage(), p.pistolReadyTick() + (rnd.nextInt(20) == 0 ? 30 : 0),
                        p.shotEndTick(), p.invulnerableEndTick(), p.respawnTick(), p.hearts(),
                        p.kills(), p.deaths(), p.damageDealt()));
            } else {
                ps.add(p);
            }
        }
        List<ItemSnapshot> items = new ArrayList<>(w.items().values());
        if (rnd.nextInt(5) == 0 && !items.isEmpty()) {
            items.remove(rnd.nextInt(items.size()));
        }
        return WorldSnapshot.of(new MatchInfo(1, w.match().endTick(), 0), ps, items);
    }
}
