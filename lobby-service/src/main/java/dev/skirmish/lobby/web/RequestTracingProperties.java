package dev.skirmish.lobby.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which HTTP requests get no trace span, prefix {@code skirmish.lobby.request-tracing} (docs/observability.md).
 *
 * @param untraced requests, as {@code "METHOD /path/pattern"} (Spring path patterns: {@code *} one segment), whose
 *                 {@code http.server.requests} observation is still timed and counted but opens no span: the hot
 *                 join path, whose span nothing keeps (there is no collector) and whose trace no match start continues
 *                 (that is {@code POST /api/rooms/{id}/start}'s); empty = every request traced (default
 *                 {@code POST /api/players/guest}, {@code POST /api/rooms}, {@code POST /api/rooms/*}{@code /join},
 *                 {@code POST /api/rooms/join-by-code}, {@code GET /ws})
 */
@ConfigurationProperties("skirmish.lobby.request-tracing")
public record RequestTracingProperties(
        @DefaultValue({"POST /api/players/guest", "POST /api/rooms", "POST /api/rooms/*/join", "POST /api/rooms/join-by-code",
                "GET /ws"}) List<String> untraced) {
}
