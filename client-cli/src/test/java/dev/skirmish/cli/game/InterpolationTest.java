package dev.skirmish.cli.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.protocol.snapshot.MatchInfo;
import dev.skirmish.protocol.snapshot.PlayerSnapshot;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    static final long MS = 1_000_000L;

    static WorldSnapshot at(float xPixels, boolean alive) {
        PlayerSnapshot p = new PlayerSnapshot(1, (int) (xPixels * 8), 80, 0, 0, alive ? PlayerSnapshot.ALIVE : 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0);
        return WorldSnapshot.of(new MatchInfo(1, 1000, 0), List.of(p), List.of());
    }

    @Test
    void othersAreShownBetweenTheTwoSnapshotsAroundTheRenderTime() {
        Interpolation i = new Interpolation();
        assertThat(i.position(1, 0)).isNull();
        i.add(1000 * MS, at(100, true));
        i.add(1050 * MS, at(200, true));
        // render time = now - 100 ms
        assertThat(i.position(1, 1125 * MS)[0]).isEqualTo(150f);
        assertThat(i.position(1, 1100 * MS)[0]).isEqualTo(100f);
        assertThat(i.position(1, 1300 * MS)[0]).as("past the newest: hold it").isEqualTo(200f);
        assertThat(i.position(1, 900 * MS)[0]).as("before the oldest: hold it").isEqualTo(100f);
        assertThat(i.position(1, 1125 * MS)[1]).isEqualTo(10f);
    }

    @Test
    void aRespawnIsNotGlidedAcrossTheMap() {
        Interpolation i = new Interpolation();
        i.add(1000 * MS, at(100, false));
        i.add(1050 * MS, at(900, true));
        assertThat(i.position(1, 1125 * MS)[0]).isEqualTo(900f);
    }
}
