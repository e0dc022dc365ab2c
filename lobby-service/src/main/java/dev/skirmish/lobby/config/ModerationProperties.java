package dev.skirmish.lobby.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mutes and bans, prefix {@code skirmish.lobby.moderation}.
 *
 * @param sweepInterval how often ended mutes and bans are deleted (an ended ban's tokens work again) and the active
 *                      mutes are read again from the database, which is also how long a mute made on another lobby
 *                      node of a cluster may take to apply here (default 10s)
 */
@ConfigurationProperties("skirmish.lobby.moderation")
public record ModerationProperties(@DefaultValue("10s") Duration sweepInterval) {
}
