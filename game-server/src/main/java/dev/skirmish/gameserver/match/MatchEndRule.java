package dev.skirmish.gameserver.match;

import dev.skirmish.gameserver.report.MatchReport.EndReason;
import dev.skirmish.simulation.MatchPhase;

/**
 * When a match process is done, and why (the reasons of docs/orchestrator-api.md), asked once per tick: a stop
 * was requested (SHUTDOWN); the match ended and its final events had {@link #END_LINGER_MILLIS} to reach everyone
 * (MATCH_END); nobody connected within the timeout after the assignment (NO_PLAYERS_CONNECTED); everyone who came
 * has been gone for the timeout (ALL_PLAYERS_LEFT). It also keeps when play started and ended, for the duration.
 * Tick thread only.
 */
final class MatchEndRule {
    /** After the final whistle, snapshots keep flowing this long so MATCH_ENDED reaches everyone reliably. */
    static final long END_LINGER_MILLIS = 1000;

    private final long noPlayersTimeoutMillis;
    private final long allLeftTimeoutMillis;
    private long assignedAt = -1;
    private long startedAt = -1;
    private long endedAt = -1;
    private long emptySince = -1;

    MatchEndRule(long noPlayersTimeoutMillis, long allLeftTimeoutMillis) {
        this.noPlayersTimeoutMillis = noPlayersTimeoutMillis;
        this.allLeftTimeoutMillis = allLeftTimeoutMillis;
    }

    /** The players are known: the no-players timeout runs from now. */
    void assigned(long nowMillis) {
        assignedAt = nowMillis;
    }

    /**
     * This tick's verdict; null while the match goes on.
     *
     * @param phase null before a warm server is allocated
     */
    EndReason check(long nowMillis, boolean stopRequested, MatchPhase phase, boolean anyoneConnectedEver,
                    int connectedPlayers) {
        if (phase != null && phase != MatchPhase.WAITING && startedAt < 0) {
            startedAt = nowMillis;
        }
        if (stopRequested) {
            return EndReason.SHUTDOWN;
        }
        if (phase == MatchPhase.ENDED) {
            endedAt = endedAt < 0 ? nowMillis : endedAt;
            return nowMillis - endedAt >= END_LINGER_MILLIS ? EndReason.MATCH_END : null;
        }
        if (assignedAt >= 0 && !anyoneConnectedEver && nowMillis - assignedAt >= noPlayersTimeoutMillis) {
            return EndReason.NO_PLAYERS_CONNECTED;
        }
        if (anyoneConnectedEver && connectedPlayers == 0) {
            emptySince = emptySince < 0 ? nowMillis : emptySince;
            return nowMillis - emptySince >= allLeftTimeoutMillis ? EndReason.ALL_PLAYERS_LEFT : null;
        }
        emptySince = -1;
        return null;
    }

    /** Seconds from the start of play to the final whistle (the linger after it is not match time), or to now. */
    double matchSeconds(long nowMillis) {
        if (startedAt < 0) {
            return 0;
        }
        return ((endedAt >= 0 ? endedAt : nowMillis) - startedAt) / 1000.0;
    }
}
