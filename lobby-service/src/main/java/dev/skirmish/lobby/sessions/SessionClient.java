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

    /** True when the orchestrator answers its health check. */
    boolean isReachable();
}
