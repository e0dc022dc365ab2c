package dev.skirmish.orchestrator.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes delivered outbox events once they are {@code outbox-retention} old: every session leaves a few rows,
 * and a table that only grows slows the publisher's queries and fills the disk. Undelivered events are kept
 * whatever their age (the lobby has not seen them yet).
 */
@Component
public class OutboxRetention {
    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    /** A run stops after this many full batches; the next run carries on. */
    private static final int MAX_BATCHES_PER_RUN = 1000;

    private final JdbcClient jdbc;
    private final OutboxRetentionProperties props;

    public OutboxRetention(DataSource dataSource, OutboxRetentionProperties props) {
        this.jdbc = JdbcClient.create(dataSource);
        this.props = props;
    }

    @Scheduled(initialDelayString = "60s", fixedDelayString = "${skirmish.orchestrator.outbox-purge-period:1h}")
    public void scheduledPurge() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            log.warn("outbox purge failed, next run retries: {}", e.toString());
        }
    }

    /** Deletes, batch by batch, delivered events older than the retention at {@code now}; returns how many. */
    public int purge(Instant now) {
        OffsetDateTime before = OffsetDateTime.ofInstant(now.minus(props.outboxRetention()), ZoneOffset.UTC);
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            // each statement its own short transaction; LIMIT in the subquery works on H2 and PostgreSQL alike
            int deleted = jdbc.sql("DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event"
                            + " WHERE delivered_at IS NOT NULL AND delivered_at < ? ORDER BY delivered_at LIMIT ?)")
                    .params(before, props.outboxPurgeBatch())
                    .update();
            total += deleted;
            if (deleted < props.outboxPurgeBatch()) {
                break;
            }
        }
        if (total > 0) {
            log.info("deleted {} delivered outbox events older than {}", total, props.outboxRetention());
        }
        return total;
    }
}
