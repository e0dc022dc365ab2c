package dev.skirmish.lobby.sessions;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.config.ServiceKeyProperties;
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

    private final RestClient sessions;
    private final RestClient health;

    public HttpSessionClient(LobbyProperties props, ServiceKeyProperties key) {
        var builder = RestClient.builder();
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
            String why = switch (e.getStatusCode().value()) {
                case 503 -> "no game server capacity right now";
                case 504 -> "the game server did not start in time";
                case 409 -> "this room already has a live session";
                case 401 -> "the lobby is not authorised by the orchestrator (service key mismatch)";
                default -> "the orchestrator refused (" + e.getStatusCode().value() + ")";
            };
            throw new SessionException(why, e);
        } catch (RestClientException e) {
            log.warn("orchestrator unreachable for room {}: {}", roomId, e.toString());
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
