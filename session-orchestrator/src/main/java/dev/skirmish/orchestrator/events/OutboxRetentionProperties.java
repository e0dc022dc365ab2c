package dev.skirmish.orchestrator.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long delivered outbox events are kept, under {@code skirmish.orchestrator.*}.
 *
 * @param outboxRetention   delivered events older than this are deleted (default 7d); events not yet delivered are
 *                          never deleted
 * @param outboxPurgeBatch  rows deleted per statement (default 500), so a large backlog never holds one long
 *                          transaction
 * @param outboxPurgePeriod how often the purge runs (default 1h; first run one minute after start)
 */
@ConfigurationProperties("skirmish.orchestrator")
public record OutboxRetentionProperties(
        @DefaultValue("7d") Duration outboxRetention,
        @DefaultValue("500") int outboxPurgeBatch,
        @DefaultValue("1h") Duration outboxPurgePeriod) {

    public OutboxRetentionProperties {
        if (outboxRetention.isNegative() || outboxRetention.isZero() || outboxPurgeBatch < 1
                || outboxPurgePeriod.isNegative() || outboxPurgePeriod.isZero()) {
            throw new IllegalArgumentException("skirmish.orchestrator.outbox-retention and outbox-purge-period > 0,"
                    + " outbox-purge-batch >= 1");
        }
    }
}
