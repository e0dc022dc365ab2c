package dev.skirmish.gameserver.match;

import dev.skirmish.protocol.connection.ServerEndpoint;
import dev.skirmish.protocol.packet.SnapshotPacket;
import dev.skirmish.protocol.session.PlayerLink;
import dev.skirmish.protocol.snapshot.MatchStateSnapshots;
import dev.skirmish.protocol.snapshot.SnapshotEncodings;
import dev.skirmish.protocol.snapshot.WorldSnapshot;
import dev.skirmish.simulation.MatchState;

/**
 * Each player gets one snapshot every {@code ticksPerSnapshot} ticks, on the ticks where
 * {@code tick % ticksPerSnapshot == playerIndex % ticksPerSnapshot}. Staggered rather than all players on the same
 * tick, so every tick seals and writes about the same number of snapshots (64 players, 60 Hz, 20/s: ~21 a tick
 * instead of 64 every third tick): the send rate per player is the same, the slowest tick is a third of the work.
 * The world is captured once per tick and each snapshot is a delta against that player's last ack.
 */
final class StaggeredSnapshots {
    private final ServerEndpoint endpoint;
    private final SnapshotStats stats = new SnapshotStats();
    /** The last world captured: the next capture shares its unchanged players and items (tick thread only). */
    private WorldSnapshot lastCaptured = WorldSnapshot.EMPTY;

    StaggeredSnapshots(ServerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code phase}: this tick's remainder modulo {@code ticksPerSnapshot}. */
    void send(MatchState state, Roster roster, long now, int phase, int ticksPerSnapshot) {
        PlayerLink[] links = roster.links();
        SnapshotEncodings world = null; // captured only when someone is due this tick
        for (int i = phase; i < links.length; i += ticksPerSnapshot) {
            PlayerLink link = links[i];
            if (link != null && state.player(i).connected()) {
                if (world == null) {
                    lastCaptured = MatchStateSnapshots.capture(state, lastCaptured);
                    world = new SnapshotEncodings(lastCaptured);
                }
                SnapshotPacket p = link.snapshot(state.tick(), world);
                stats.record(p.isFull(), p.stateLength());
                endpoint.send(i, p, now);
            }
        }
    }

    SnapshotStats stats() {
        return stats;
    }
}
