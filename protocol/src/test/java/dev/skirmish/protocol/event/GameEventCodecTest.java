package dev.skirmish.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.Weapon;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GameEventCodecTest {

    @Test
    void everyEventTypeRoundTrips() {
        List<GameEvent> events = List.of(
                new GameEvent.Hit(100, 3, 5, Weapon.PISTOL, 2),
                new GameEvent.Death(101, 5, -1),
                new GameEvent.Respawn(160, 5, 11),
                new GameEvent.HeartPicked(170, 63, 4),
                new GameEvent.BombSpawned(200, 6),
                new GameEvent.BombLit(210, 6, 0),
                new GameEvent.BombExploded(300, 6, 123.5f, 456.125f),
                new GameEvent.PistolShot(301, 2, 10f, 20f, 310f, 20f),
                new GameEvent.MatchEnded(10_800, -1));
        long seq = 1;
        for (GameEvent e : events) {
            GameEventCodec.Encoded enc = GameEventCodec.encode(e);
            NetEvent net = new NetEvent(seq++, enc.kind(), enc.data());
            assertThat(GameEventCodec.decode(net)).contains(e);
        }
    }

    @Test
    void dataLayoutIsTickThenFields() {
        // protocol 3: the tick as a varint (0x01020304 = 0x84 0x86 0x88 0x08), then the fields
        GameEventCodec.Encoded hit = GameEventCodec.encode(new GameEvent.Hit(0x01020304, 1, 2, Weapon.SWORD, 1));
        assertThat(hit.kind()).isEqualTo(GameEventCodec.HIT);
        assertThat(hit.data()).containsExactly(0x84, 0x86, 0x88, 0x08, 1, 2, 0, 1);
        // a shot: positions as zig-zag varints in 1/8 px, its end as the distance from its start
        GameEventCodec.Encoded shot = GameEventCodec.encode(new GameEvent.PistolShot(5, 3, 10f, 2f, 310f, 2f));
        assertThat(shot.data()).containsExactly(5, 3, 0xA0, 0x01, 0x20, 0xC0, 0x25, 0);
    }

    @Property(tries = 1000)
    void garbageNeverCrashes(@ForAll @IntRange(min = 0, max = 255) int kind, @ForAll @Size(max = 64) byte[] data) {
        assertThatCode(() -> GameEventCodec.decode(new NetEvent(1, kind, data))).doesNotThrowAnyException();
    }
}
