package dev.skirmish.protocol.snapshot;

import dev.skirmish.protocol.snapshot.EntityLayout.Mode;

/**
 * The bit layout of each snapshot entity; docs/protocol.md "Snapshot state" has the same table with each field's
 * range and precision. Widths: positions are 1/8 px (the arena is under 4096 px, 15 bits signed in a full
 * snapshot; a dead-reckoning miss of a running player is ±13 px, 8 bits), velocities whole px/s (the game's are
 * within ±900, 11 bits), countdowns in ticks (the longest, respawn, is 2 s = 120 ticks at 60 Hz).
 */
final class Layouts {
    private static final Mode D = Mode.DELTA;
    private static final Mode V = Mode.VALUE;
    private static final Mode T = Mode.TICK;
    private static final FieldCode POSITION = FieldCode.signed(4, 8, 15, 32);
    private static final FieldCode COUNTDOWN = FieldCode.signed(6, 9, 16, 32);
    private static final FieldCode SMALL = FieldCode.unsigned(2, 32);
    private static final FieldCode COUNT = FieldCode.signed(2, 6, 16, 32);

    /** x, y, vx, vy, flags, lastButtons | swordEnd, swordStage, pistolReady, shotEnd, invulnerableEnd, respawn,
     * hearts, kills, deaths, damageDealt (the mask groups: what changes often, then what rarely does). */
    static final EntityLayout<PlayerSnapshot> PLAYER = new EntityLayout<>(
            new Mode[] {D, D, D, D, V, V, T, V, T, T, T, T, V, D, D, D},
            new FieldCode[] {POSITION, POSITION, FieldCode.signed(10, 32), FieldCode.signed(5, 11, 16, 32),
                    FieldCode.unsigned(5, 32), FieldCode.unsigned(5, 32), COUNTDOWN, SMALL, COUNTDOWN, COUNTDOWN,
                    COUNTDOWN, COUNTDOWN, SMALL, COUNT, COUNT, COUNT},
            new int[] {6, 10}, PlayerSnapshot::fields, PlayerSnapshot::fieldsInto,
            PlayerSnapshot::index, PlayerSnapshot::of, Motion::player);

    /** kind, state, x, y, timerEnd, owner. */
    static final EntityLayout<ItemSnapshot> ITEM = new EntityLayout<>(
            new Mode[] {V, V, D, D, T, V},
            new FieldCode[] {SMALL, SMALL, POSITION, POSITION, FieldCode.signed(10, 32), FieldCode.unsigned(7, 32)},
            new int[] {6}, ItemSnapshot::fields, ItemSnapshot::fieldsInto, ItemSnapshot::index,
            ItemSnapshot::of, (base, frame) -> base);

    /** phase, endTick, winner, tick, tickRate. */
    static final EntityLayout<MatchInfo> MATCH = new EntityLayout<>(
            new Mode[] {V, D, V, D, V},
            new FieldCode[] {SMALL, FieldCode.signed(4, 16, 24, 32), FieldCode.unsigned(7, 32),
                    FieldCode.signed(4, 16, 24, 32), FieldCode.unsigned(8, 32)},
            new int[] {5}, MatchInfo::fields, MatchInfo::fieldsInto, m -> 0,
            (index, f) -> MatchInfo.of(f), (base, frame) -> base);

    private Layouts() {
    }
}
