package dev.skirmish.lobby.sessions;

import java.time.Instant;
import java.util.List;

/** How the lobby asks for a game server; {@link HttpSessionClient} talks to the session orchestrator. */
public interface SessionClient {
    record SessionPlayer(String id, String name) {
    }

    record ConnectToken(String playerId, String name, String token) {
    }

    record Session(String id, String roomId, String state, String host, int port, int matchSeconds, List<ConnectToken> connectTokens) {
    }

    /** A session the orchestrator still runs (any state before ENDED, FAILED, CRASHED). */
    record LiveSession(String id, String roomId, String state, Instant createdAt) {
    }

    /** The orchestrator's view of one session (GET /api/sessions/{id}); endedAt is null until it is over. */
    record SessionStatus(String id, String roomId, String state, String endReason, Instant endedAt) {
        public boolean isTerminal() {
            return "ENDED".equals(state) || "FAILED".equals(state) || "CRASHED".equals(state);
        }
    }

    /** A game server's latest heartbeat figures (totals since it started). */
    record Stats(long tick, int playersConnected, double tickMsP99, long bytesIn, long bytesOut) {
    }

    /** A session as the operator console lists it (GET /api/sessions); no tokens or keys ever. */
    record SessionSummary(String id, String roomId, String state, String host, int port, Long pid, Instant createdAt,
                          Instant endedAt, String endReason, Stats lastStats) {
    }

    /** GET /api/sessions/counts. */
    record SessionCounts(java.util.Map<String, Long> byState, int processes, int maxSessions) {
    }

    /** GET /api/sessions/{id}/log: the game server's last lines (its own text: show it as text only). */
    record SessionLog(String id, String process, List<String> lines) {
    }

    /**
     * @throws RoomHasLiveSession when the orchestrator already runs a session for this room
     * @throws SessionException   with a player-readable reason when no session could be made
     */
    Session createSession(String roomId, List<SessionPlayer> players, int matchSeconds);

    /** The orchestrator's live sessions of one room. @throws SessionException when it cannot be asked */
    List<LiveSession> liveSessions(String roomId);

    /**
     * The orchestrator's view of a session; empty when it does not know the id (404).
     * @throws SessionException when it cannot be asked
     */
    java.util.Optional<SessionStatus> status(String sessionId);

    /** Asks the orchestrator to stop a session (gracefully); an unknown or finished one is fine. */
    void endSession(String sessionId);

    /**
     * Removes a player from a session's running match (the game server disconnects it with KICKED and refuses its
     * token); false when the orchestrator no longer runs that session or the player is not in it (404, 409).
     * @throws SessionException when the orchestrator cannot be asked or refuses otherwise
     */
    boolean kickPlayer(String sessionId, String playerId);

    /** The orchestrator's newest sessions (at most 500), optionally in one state. @throws SessionException */
    List<SessionSummary> sessions(String state);

    /** One session's view; empty when the orchestrator does not know it. @throws SessionException */
    java.util.Optional<SessionSummary> summary(String sessionId);

    /** @throws SessionException when the orchestrator cannot be asked */
    SessionCounts counts();

    /** The last {@code lines} (1-200) of a session's output; empty when unknown. @throws SessionException */
    java.util.Optional<SessionLog> log(String sessionId, int lines);

    /** True when the orchestrator answers its health check. */
    boolean isReachable();
}
