package dev.skirmish.lobby.housekeeping;

import java.time.Clock;
import java.time.Duration;
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
 * Plain SQL that H2 and PostgreSQL both run: event ids by the age indexes of migration V3, chat lines by their
 * primary key (migration V15 dropped chat's age index, which every stored line paid for and only this job read).
 */
@Component
public class RetentionJobs {
    private static final Logger log = LoggerFactory.getLogger(RetentionJobs.class);

    /** How far out of id order a chat line may be (by its time) and still be deleted by the run that first may. */
    static final Duration CHAT_ORDER_SLACK = Duration.ofMinutes(1);
    // one index range on the primary key each; "page" is the next batch of ids, whatever their age
    private static final String CHAT_PAGE = "select count(*), max(id), min(sent_at) from (select id, sent_at from chat_messages where id > ?"
            + " order by id fetch first ? rows only) page";
    private static final String CHAT_DELETE = "delete from chat_messages where id > ? and id <= ? and sent_at < ?";

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

    /**
     * Chat lines are stamped as the lobby accepts them and numbered as they are stored, so ids follow time up to the
     * queue's latency (one node) or the nodes' clock skew (a cluster sharing PostgreSQL). The job walks the primary
     * key from the oldest id, one page of {@code retention-batch-size} rows at a time, and in each page deletes only
     * the lines older than the cutoff: a younger line out of order is never deleted, and an older one is reached as
     * long as the walk goes on. It stops at the first page whose oldest line is newer than the cutoff by more than
     * {@link #CHAT_ORDER_SLACK}; a line further out of order than that waits for a later run (its cutoff is later).
     *
     * @return chat messages deleted
     */
    public int purgeChat() {
        Instant cutoff = clock.instant().minus(props.chatRetention());
        OffsetDateTime before = utc(cutoff);
        OffsetDateTime walkEnd = utc(cutoff.plus(CHAT_ORDER_SLACK));
        int batch = props.retentionBatchSize();
        long after = Long.MIN_VALUE;
        int total = 0;
        for (;;) {
            ChatPage page = jdbc.queryForObject(CHAT_PAGE, (rs, i) -> new ChatPage(rs.getInt(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class)),
                    after, batch);
            if (page == null || page.rows() == 0 || !page.oldest().isBefore(walkEnd)) return total;
            long from = after;
            Integer n = tx.execute(s -> jdbc.update(CHAT_DELETE, from, page.lastId(), before));
            total += n == null ? 0 : n;
            after = page.lastId();
        }
    }

    private record ChatPage(int rows, long lastId, OffsetDateTime oldest) {
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
        OffsetDateTime before = utc(cutoff);
        int batch = props.retentionBatchSize();
        int total = 0;
        for (;;) {
            Integer n = tx.execute(s -> jdbc.update(sql, before, batch));
            total += n == null ? 0 : n;
            if (n == null || n < batch) return total;
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
