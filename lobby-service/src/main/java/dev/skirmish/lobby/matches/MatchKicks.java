package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.sessions.SessionClient;
import dev.skirmish.lobby.sessions.SessionException;
import dev.skirmish.lobby.web.LobbyException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The match part of an operator's kick: a player of the room's running match is removed from it by the orchestrator
 * (the game server disconnects it with KICKED and refuses its token for the rest of the match), and the lobby stops
 * handing that token out ({@code GET /api/matches/current}, the {@code /user/queue/match} re-send).
 */
@Component
public class MatchKicks {
    private final MatchRepository matches;
    private final SessionClient sessions;
    private final LiveMatches live;

    MatchKicks(MatchRepository matches, SessionClient sessions, LiveMatches live) {
        this.matches = matches;
        this.sessions = sessions;
        this.live = live;
    }

    /**
     * @return the session the player was removed from; empty when the room runs no match with that player
     * @throws LobbyException 503 {@code ORCHESTRATOR_UNAVAILABLE} when the orchestrator cannot be asked (nothing
     *                        changed: the operator may retry)
     */
    public Optional<String> kickFromRunningMatch(String roomId, String playerId) {
        Optional<MatchEntity> running = matches.findByRoomIdAndState(roomId, "RUNNING").stream()
                .filter(m -> m.getPlayers().stream().anyMatch(p -> playerId.equals(p.getPlayerId())))
                .findFirst();
        if (running.isEmpty()) return Optional.empty();
        String sessionId = running.get().getSessionId();
        try {
            boolean kicked = sessions.kickPlayer(sessionId, playerId);
            live.forget(playerId, sessionId);
            return kicked ? Optional.of(sessionId) : Optional.empty();
        } catch (SessionException e) {
            throw new LobbyException(HttpStatus.SERVICE_UNAVAILABLE, "ORCHESTRATOR_UNAVAILABLE",
                    "the player could not be removed from the running match: " + e.getMessage());
        }
    }
}
