package dev.skirmish.lobby.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded H2 database (the default profile), prefix {@code skirmish.lobby.h2}; PostgreSQL ignores them.
 *
 * @param queryCacheSize statements each connection keeps parsed (H2's {@code QUERY_CACHE_SIZE}; H2's own default is
 *                       8, fewer than the distinct statements of one sign-up, room join and STOMP join, so a warm
 *                       lobby re-parsed most of them; default 64)
 */
@ConfigurationProperties("skirmish.lobby.h2")
public record H2Properties(@DefaultValue("64") int queryCacheSize) {
}
