package dev.skirmish.orchestrator.sessions;

import java.time.Duration;

/**
 * What the session lifecycle reports for monitoring. The lifecycle owns this interface and the {@code ops} package
 * implements it, so metrics depend on sessions and never the other way round.
 */
public interface SessionMetrics {
    /** A game-server process was started. */
    void launched();

    /** An idle warm server was handed to a room. */
    void warmAllocated();

    /** A server reported READY this long after its slot was reserved. */
    void ready(Duration sinceStart);

    /** A session reached a terminal state, for this reason (ENDED/MATCH_END, FAILED/READY_TIMEOUT, ...). */
    void ended(SessionState state, String reason);

    /** Start the per-session gauges (from its latest heartbeat); idempotent. */
    void watch(LiveSession live);

    /** The session's process is gone: drop its per-session gauges. */
    void forget(String sessionId);
}
