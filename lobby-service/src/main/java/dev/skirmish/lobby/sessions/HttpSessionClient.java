package dev.skirmish.lobby.sessions;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.config.ServiceKeyProperties;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** {@code POST /api/sessions} on the orchestrator with the shared service key (see docs/orchestrator-api.md). */
@Component
public class HttpSessionClient implements SessionClient {
    private static final Logger log = LoggerFactory.getLogger(HttpSessionClient.class);

    /** The orchestrator's states before ENDED, FAILED and CRASHED (docs/orchestrator-api.md). */
    private static final List<String> LIVE_STATES = List.of("REQUESTED", "STARTING", "READY", "RUNNING", "UNHEALTHY");

    private final RestClient sessions;
    private final RestClient health;

    public HttpSessionClient(LobbyProperties props, ServiceKeyProperties key, ObservationRegistry observations) {
        // observed: the match start's trace goes on to the orchestrator as a W3C traceparent header
        var builder = RestClient.builder().observationRegistry(observations);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(props.orchestratorTimeout());
        this.sessions = builder.clone().requestFactory(factory).baseUrl(props.orchestratorUrl().toString())
                .defaultHeader("Authorization", "Bearer " + key.serviceKey()).build();
        var healthFactory = new JdkClientHttpRequestFactory(http);
        healthFactory.setReadTimeout(Duration.ofSeconds(2));
        this.health = builder.clone().requestFactory(healthFactory).baseUrl(props.orchestratorUrl().toString()).build();
    }

    @Override
    public Session createSession(String roomId, List<SessionPlayer> players, int matchSeconds) {
        try {
            Session s = sessions.post().uri("/api/sessions").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("roomId", roomId, "players", players, "matchSeconds", matchSeconds))
                    .retrieve().body(Session.class);
            if (s == null || s.connectTokens() == null) throw new SessionException("the orchestrator sent an empty answer", null);
            return s;
        } catch (RestClientResponseException e) {
            log.warn("orchestrator refused a session for room {}: {} {}", roomId, e.getStatusCode(), e.getResponseBodyAsString());
            if (e.getStatusCode().value() == 409) throw new RoomHasLiveSession(e);
            String why = switch (e.getStatusCode().value()) {
                case 503 -> "no game server capacity right now";
                case 504 -> "the game server did not start in time";
                case 401 -> "the lobby is not authorised by the orchestrator (service key mismatch)";
                default -> "the orchestrator refused (" + e.getStatusCode().value() + ")";
            };
            throw new SessionException(why, e);
        } catch (RestClientException e) {
            log.warn("orchestrator unreachable for room {}: {}", roomId, e.toString());
            throw new SessionException("the session orchestrator is unreachable", e);
        }
    }

    /** The orchestrator lists by state only (at most 500 each, newest first); live sessions are few (its capacity). */
    @Override
    public List<LiveSession> liveSessions(String roomId) {
        var live = new java.util.ArrayList<LiveSession>();
        try {
            for (String state : LIVE_STATES) {
                LiveSession[] page = sessions.get().uri("/api/sessions?state={state}", state).retrieve().body(LiveSession[].class);
                if (page == null) continue;
                for (LiveSession s : page) if (roomId.equals(s.roomId())) live.add(s);
            }
            return live;
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator could not list its sessions", e);
        }
    }

    @Override
    public java.util.Optional<SessionStatus> status(String sessionId) {
        try {
            return java.util.Optional.ofNullable(sessions.get().uri("/api/sessions/{id}", sessionId).retrieve().body(SessionStatus.class));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404) return java.util.Optional.empty();
            throw new SessionException("the orchestrator refused to show session " + sessionId + " (" + e.getStatusCode().value() + ")", e);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator is unreachable", e);
        }
    }

    @Override
    public void endSession(String sessionId) {
        try {
            sessions.delete().uri("/api/sessions/{id}", sessionId).retrieve().toBodilessEntity();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() != 404) throw new SessionException("the orchestrator refused to stop session " + sessionId, e);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator is unreachable", e);
        }
    }

    @Override
    public boolean kickPlayer(String sessionId, String playerId) {
        try {
            sessions.post().uri("/api/sessions/{id}/players/{playerId}/kick", sessionId, playerId).retrieve().toBodilessEntity();
            return true;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status == 404 || status == 409) return false; // the match is over, or the player was never in it
            throw new SessionException("the orchestrator refused to kick from session " + sessionId + " (" + status + ")", e);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator is unreachable", e);
        }
    }

    @Override
    public List<SessionSummary> sessions(String state) {
        try {
            SessionSummary[] page = state == null ? sessions.get().uri("/api/sessions").retrieve().body(SessionSummary[].class)
                    : sessions.get().uri("/api/sessions?state={state}", state).retrieve().body(SessionSummary[].class);
            return page == null ? List.of() : List.of(page);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator could not list its sessions", e);
        }
    }

    @Override
    public java.util.Optional<SessionSummary> summary(String sessionId) {
        return getOne("/api/sessions/{id}", SessionSummary.class, sessionId);
    }

    @Override
    public SessionCounts counts() {
        try {
            return sessions.get().uri("/api/sessions/counts").retrieve().body(SessionCounts.class);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator could not count its sessions", e);
        }
    }

    @Override
    public java.util.Optional<SessionLog> log(String sessionId, int lines) {
        return getOne("/api/sessions/{id}/log?lines={lines}", SessionLog.class, sessionId, lines);
    }

    private <T> java.util.Optional<T> getOne(String uri, Class<T> type, Object... vars) {
        try {
            return java.util.Optional.ofNullable(sessions.get().uri(uri, vars).retrieve().body(type));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404) return java.util.Optional.empty();
            throw new SessionException("the orchestrator refused (" + e.getStatusCode().value() + ")", e);
        } catch (RestClientException e) {
            throw new SessionException("the session orchestrator is unreachable", e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            health.get().uri("/actuator/health").retrieve().toBodilessEntity();
            return true;
        } catch (RestClientException e) {
            return false;
        }
    }
}
