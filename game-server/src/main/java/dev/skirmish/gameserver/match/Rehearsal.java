package dev.skirmish.gameserver.match;

import dev.skirmish.protocol.Protocol;
import dev.skirmish.protocol.event.GameEventCodec;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.SnapshotEncodings;
import dev.skirmish.simulation.ArenaMap;
import dev.skirmish.simulation.GameEvent;
import dev.skirmish.simulation.MatchConfig;
import dev.skirmish.simulation.MatchState;
import dev.skirmish.simulation.PlayerInput;
import dev.skirmish.simulation.Simulation;
import dev.skirmish.simulation.StepResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A warm server plays a short match against itself, in memory, before it reports READY: the match code (map,
 * simulation, events, snapshot deltas) is then loaded and past the JIT's first thresholds when a real match is
 * allocated. Without it every allocated server spends its first ticks loading classes and interpreting, tens of ms
 * of CPU taken right when the orchestrator answers the next allocations on the same cores. Pure computation: no
 * socket, no clock, nothing of it reaches the real match.
 */
public final class Rehearsal {
    static final List<String> CAST = List.of("r0", "r1", "r2", "r3");

    private Rehearsal() {
    }

    /** Plays {@code ticks} ticks with random buttons; returns the final state (tests look at it). */
    public static MatchState play(int tickRate, int ticks) {
        MatchState state = MatchState.initial(ArenaMap.load("arena"), new MatchConfig(tickRate, 30, 7L), CAST);
        PlayerLink[] links = new PlayerLink[CAST.size()];
        for (int i = 0; i < links.length; i++) {
            state = state.withPlayerConnected(i, true);
            links[i] = new PlayerLink(i);
        }
        state = state.start();
        SplittableRandom random = new SplittableRandom(7L);
        int[] buttons = new int[links.length];
        for (int t = 0; t < ticks; t++) {
            Map<Integer, PlayerInput> inputs = new HashMap<>();
            for (int i = 0; i < links.length; i++) {
                if (t % 30 == 0) {
                    buttons[i] = random.nextInt(PlayerInput.ALL_BUTTONS + 1);
                }
                inputs.put(i, PlayerInput.fromBits(t, buttons[i]));
            }
            StepResult r = Simulation.step(state, inputs);
            state = r.state();
            for (GameEvent e : r.events()) {
                GameEventCodec.Encoded encoded = GameEventCodec.encode(e);
                for (PlayerLink link : links) {
                    link.addEvent(encoded.kind(), encoded.data());
                }
            }
            if (t % 3 == 0) {
                SnapshotEncodings world = new SnapshotEncodings(MatchStateSnapshots.capture(state));
                for (PlayerLink link : links) {
                    link.snapshot(state.tick(), world);
                }
            }
        }
        state.result();
        rehearseRoom(tickRate, ticks);
        return state;
    }

    /**
     * The match room's own per-tick path as a just-allocated server runs it before anyone connects (assign,
     * timeouts, waiting step, snapshot check), on a scratch room whose datagrams go nowhere.
     */
    private static void rehearseRoom(int tickRate, int ticks) {
        MatchRoom room = new MatchRoom("rehearsal", new byte[Protocol.KEY_BYTES], tickRate, 7L, (to, datagram) -> { }, 0);
        room.assign(CAST, 30);
        for (int t = 0; t < ticks; t++) {
            long now = t * 1000L / tickRate;
            room.pump(now);
            room.step(now);
            room.sendSnapshots(now, t % 3, 3);
        }
    }
}
