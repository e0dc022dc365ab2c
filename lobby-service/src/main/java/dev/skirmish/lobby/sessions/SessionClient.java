package dev.skirmish.lobby.sessions;

import java.util.List;

/** How the lobby asks for a game server; {@link HttpSessionClient} talks to the session orchestrator. */
public interface SessionClient {
    record SessionPlayer(String id, String name) {
    }

    record ConnectToken(String playerId, String name, String token) {
    }

    record Session(String id, String roomId, String state, String host, int port, int matchSeconds, List<ConnectToken> connectTokens) {
    }

    /** @throws SessionException with a player-readable reason when no session could be made */
    Session createSession(String roomId, List<SessionPlayer> players, int matchSeconds);

    /** True when the orchestrator answers its health check. */
    boolean isReachable();
}
