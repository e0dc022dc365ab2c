package dev.skirmish.orchestrator.sessions;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of the session API: views from the persisted records, with the latest heartbeat stats of a live
 * session from memory (the row keeps a copy at most a few seconds old, see SessionHeartbeats#heartbeat).
 */
@Component
public class SessionQueries {
    private static final int MAX_LIST = 500;
    private static final TypeReference<List<PlayerRequest>> PLAYERS = new TypeReference<>() { };

    private final SessionRepository repository;
    private final SessionRegistry registry;
    private final JsonMapper json;

    public SessionQueries(SessionRepository repository, SessionRegistry registry, JsonMapper json) {
        this.repository = repository;
        this.registry = registry;
        this.json = json;
    }

    public SessionView get(String id) {
        return repository.findById(id).map(this::view).orElseThrow(() -> SessionException.notFound(id));
    }

    public boolean exists(String id) {
        return repository.existsById(id);
    }

    public List<SessionView> list(SessionState state) {
        List<SessionEntity> rows = state == null
                ? repository.findAllByOrderByCreatedAtDesc(Limit.of(MAX_LIST))
                : repository.findByStateOrderByCreatedAtDesc(state);
        return rows.stream().limit(MAX_LIST).map(this::view).toList();
    }

    SessionView view(SessionEntity e) {
        List<PlayerRequest> players = e.getPlayersJson() == null ? List.of() : json.readValue(e.getPlayersJson(), PLAYERS);
        return new SessionView(e.getId(), e.getRoomId(), e.getState(), e.isWarm(), e.getHost(), e.getPort(), players,
                e.getMatchSeconds(), e.getCreatedAt(), e.getReadyAt(), e.getEndedAt(), e.getEndReason(),
                tree(e.getResultJson()), lastStats(e), e.getPid(), e.getLastLogLines());
    }

    private JsonNode lastStats(SessionEntity e) {
        Heartbeat live = registry.find(e.getId()).map(LiveSession::lastStats).orElse(null);
        return live != null ? json.valueToTree(live) : tree(e.getLastStatsJson());
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
