package dev.skirmish.protocol.event;

import dev.skirmish.protocol.packet.NetEvent;
import dev.skirmish.protocol.snapshot.Quantize;
import dev.skirmish.protocol.wire.MalformedPacketException;
import dev.skirmish.protocol.wire.WireReader;
import dev.skirmish.protocol.wire.WireWriter;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.Weapon;
import java.util.Optional;

/**
 * The simulation's {@link GameEvent}s as reliable {@link NetEvent}s: one kind byte per event type and a fixed
 * layout (docs/protocol.md "Event kinds"). Player ids are {@code i8} (-1 = nobody), coordinates zig-zag varints
 * in 1/8 px, every event starts with its tick as a varint (protocol 3; 2 used fixed {@code i32}/{@code u32}).
 */
public final class GameEventCodec {
    public static final int HIT = 1;
    public static final int DEATH = 2;
    public static final int RESPAWN = 3;
    public static final int HEART_PICKED = 4;
    public static final int BOMB_SPAWNED = 5;
    public static final int BOMB_LIT = 6;
    public static final int BOMB_EXPLODED = 7;
    public static final int PISTOL_SHOT = 8;
    public static final int MATCH_ENDED = 9;

    private GameEventCodec() {
    }

    /** The kind byte and data of an event, ready for {@code EventOutbox.add(kind, data)}. */
    public record Encoded(int kind, byte[] data) {
    }

    public static Encoded encode(GameEvent event) {
        WireWriter w = new WireWriter(32);
        w.varint(event.tick());
        int kind = switch (event) {
            case GameEvent.Hit h -> {
                w.u8(h.attacker()).u8(h.victim()).u8(h.weapon().ordinal()).u8(h.damage());
                yield HIT;
            }
            case GameEvent.Death d -> {
                w.u8(d.victim()).u8(d.killer());
                yield DEATH;
            }
            case GameEvent.Respawn r -> {
                w.u8(r.player()).u8(r.marker());
                yield RESPAWN;
            }
            case GameEvent.HeartPicked h -> {
                w.u8(h.player()).u8(h.spawner());
                yield HEART_PICKED;
            }
            case GameEvent.BombSpawned b -> {
                w.u8(b.id());
                yield BOMB_SPAWNED;
            }
            case GameEvent.BombLit b -> {
                w.u8(b.id()).u8(b.player());
                yield BOMB_LIT;
            }
            case GameEvent.BombExploded b -> {
                w.u8(b.id()).svarint(Quantize.position(b.x())).svarint(Quantize.position(b.y()));
                yield BOMB_EXPLODED;
            }
            case GameEvent.PistolShot s -> {
                int fromX = Quantize.position(s.fromX());
                int fromY = Quantize.position(s.fromY());
                w.u8(s.player()).svarint(fromX).svarint(fromY).svarint(Quantize.position(s.toX()) - fromX)
                        .svarint(Quantize.position(s.toY()) - fromY);
                yield PISTOL_SHOT;
            }
            case GameEvent.MatchEnded m -> {
                w.u8(m.winner());
                yield MATCH_ENDED;
            }
        };
        return new Encoded(kind, w.toByteArray());
    }

    /** The game event of a NetEvent; empty for unknown kinds or malformed data. */
    public static Optional<GameEvent> decode(NetEvent event) {
        try {
            WireReader r = new WireReader(event.data());
            int tick = r.varint();
            GameEvent e = switch (event.kind()) {
                case HIT -> new GameEvent.Hit(tick, id(r), id(r), weapon(r.u8()), r.u8());
                case DEATH -> new GameEvent.Death(tick, id(r), id(r));
                case RESPAWN -> new GameEvent.Respawn(tick, id(r), r.u8());
                case HEART_PICKED -> new GameEvent.HeartPicked(tick, id(r), r.u8());
                case BOMB_SPAWNED -> new GameEvent.BombSpawned(tick, r.u8());
                case BOMB_LIT -> new GameEvent.BombLit(tick, r.u8(), id(r));
                case BOMB_EXPLODED -> new GameEvent.BombExploded(tick, r.u8(), px(r.svarint()), px(r.svarint()));
                case PISTOL_SHOT -> shot(tick, r);
                case MATCH_ENDED -> new GameEvent.MatchEnded(tick, id(r));
                default -> throw new MalformedPacketException("unknown event kind " + event.kind());
            };
            r.expectEnd();
            return Optional.of(e);
        } catch (MalformedPacketException e) {
            return Optional.empty();
        }
    }

    /** Player ids travel as a signed byte so that -1 ("nobody") fits. */
    private static int id(WireReader r) {
        return (byte) r.u8();
    }

    private static float px(int quantized) {
        return Quantize.positionPixels(quantized);
    }

    /** The shot's end travels as its distance from the start (a pistol's range is 300 px: two bytes). */
    private static GameEvent.PistolShot shot(int tick, WireReader r) {
        int player = id(r);
        int fromX = r.svarint();
        int fromY = r.svarint();
        return new GameEvent.PistolShot(tick, player, px(fromX), px(fromY), px(fromX + r.svarint()),
                px(fromY + r.svarint()));
    }

    private static Weapon weapon(int ordinal) {
        Weapon[] all = Weapon.values();
        if (ordinal >= all.length) {
            throw new MalformedPacketException("unknown weapon " + ordinal);
        }
        return all[ordinal];
    }
}
