package dev.skirmish.lobby.housekeeping;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes old rows in bounded batches, each its own short transaction, so a large backlog never holds a long lock.
 * Plain SQL that H2 and PostgreSQL both run, using the age indexes of migration V3.
 */
@Component
public class RetentionJobs {
    private static final Logger log = LoggerFactory.getLogger(RetentionJobs.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final HousekeepingProperties props;
    private final Clock clock;

    RetentionJobs(JdbcTemplate jdbc, TransactionTemplate tx, HousekeepingProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** @return chat messages deleted */
    public int purgeChat() {
        return purge("chat_messages", "id", "sent_at", clock.instant().minus(props.chatRetention()));
    }

    /** @return processed and pending event rows deleted */
    public int purgeEvents() {
        Instant cutoff = clock.instant().minus(props.processedEventRetention());
        return purge("processed_events", "event_id", "received_at", cutoff) + purge("pending_session_events", "event_id", "received_at", cutoff);
    }

    void runAll() {
        int chat = purgeChat();
        int events = purgeEvents();
        if (chat + events > 0) log.info("retention: deleted {} chat messages and {} event ids", chat, events);
    }

    private int purge(String table, String key, String time, Instant cutoff) {
        // table and column names are constants of this class, never input
        String sql = "delete from " + table + " where " + key + " in (select " + key + " from " + table + " where " + time
                + " < ? order by " + time + " fetch first ? rows only)";
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        int batch = props.retentionBatchSize();
        int total = 0;
        for (;;) {
            Integer n = tx.execute(s -> jdbc.update(sql, before, batch));
            total += n == null ? 0 : n;
            if (n == null || n < batch) return total;
        }
    }
}
