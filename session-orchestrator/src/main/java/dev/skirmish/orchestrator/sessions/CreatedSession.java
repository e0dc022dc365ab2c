package dev.skirmish.orchestrator.sessions;

import java.time.Instant;
import java.util.List;

/** 201 answer of {@code POST /api/sessions}: where to connect and one sealed token per player. */
public record CreatedSession(String id, String roomId, SessionState state, String host, int port, int matchSeconds,
                             Instant createdAt, boolean warm, List<ConnectTokenView> connectTokens) {
}
