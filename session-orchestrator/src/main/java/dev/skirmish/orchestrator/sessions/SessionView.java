package dev.skirmish.orchestrator.sessions;

import tools.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/sessions[/id]} shows: never tokens or keys. */
public record SessionView(String id, String roomId, SessionState state, boolean warm, String host, int port,
                          List<PlayerRequest> players, int matchSeconds, Instant createdAt, Instant readyAt,
                          Instant endedAt, String endReason, JsonNode result, JsonNode lastStats, Long pid,
                          String lastLogLines) {
}
