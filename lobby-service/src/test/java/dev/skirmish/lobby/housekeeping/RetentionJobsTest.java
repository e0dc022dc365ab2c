package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: storage growth without end (every chat line and every event id kept forever). The retention jobs delete
 * rows past their age in batches (of 2 here, so several batches run), on the real schema (H2 here; the SQL is plain
 * enough for PostgreSQL, see the retention jobs). Chat lines are found by their ids, which follow time: the lines
 * here get ids below every other line in the database, in the order of their times, as stored lines have.
 */
class RetentionJobsTest extends ServiceTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    private RetentionJobs jobs() {
        var props = new HousekeepingProperties(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1), 2, Duration.ZERO, Duration.ZERO);
        return new RetentionJobs(jdbc, tx, props, Clock.systemUTC());
    }

    @Test
    void chatMessagesOlderThan30DaysAreDeletedInBatchesAndNewerOnesKept() {
        String channel = UUID.randomUUID().toString();
        long id = firstId(9);
        for (int i = 0; i < 7; i++) chat(id++, channel, Duration.ofDays(31).plusMinutes(7 - i));
        for (int i = 0; i < 2; i++) chat(id++, channel, Duration.ofDays(29));
        assertThat(jobs().purgeChat()).isGreaterThanOrEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from chat_messages where channel = ?", Integer.class, channel)).isEqualTo(2);
    }

    /** Ids follow time only roughly (a queue between stamping and storing; nodes' clocks): exactly the old lines go. */
    @Test
    void aLineOutOfIdOrderIsKeptIfYoungAndOldLinesAfterItAreStillDeleted() {
        String channel = UUID.randomUUID().toString();
        long id = firstId(8);
        Duration[] ages = {Duration.ofDays(31), Duration.ofSeconds(1), Duration.ofDays(31), Duration.ofDays(30).plusMinutes(1),
                Duration.ofDays(30).minusSeconds(30), Duration.ofDays(30).plusSeconds(20), Duration.ofDays(29), Duration.ofDays(29)};
        for (Duration age : ages) chat(id++, channel, age);
        jobs().purgeChat();
        assertThat(jdbc.queryForList("select sent_at from chat_messages where channel = ? order by id", OffsetDateTime.class, channel))
                .as("the line of now, the one 30 s short of the cutoff and the two of 29 days")
                .hasSize(4)
                .allSatisfy(t -> assertThat(t.toInstant()).isAfter(Instant.now().minus(Duration.ofDays(30))));
    }

    /** Ids for {@code count} lines below every line stored so far: these are the oldest by id, as by time. */
    private long firstId(int count) {
        Long min = jdbc.queryForObject("select min(id) from chat_messages", Long.class);
        return (min == null ? 0 : min) - count - 1;
    }

    @Test
    void eventIdsOlderThanTheirRetentionAreDeletedAndNewerOnesKept() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) processed(run + "-old-" + i, Duration.ofDays(8));
        processed(run + "-new", Duration.ofDays(6));
        jdbc.update("insert into pending_session_events (event_id, session_id, body, received_at) values (?, ?, ?, ?)", run + "-pending", "s",
                "{}", ago(Duration.ofDays(8)));
        assertThat(jobs().purgeEvents()).isGreaterThanOrEqualTo(6);
        assertThat(jdbc.queryForList("select event_id from processed_events where event_id like ?", String.class, run + "%"))
                .containsExactly(run + "-new");
        assertThat(jdbc.queryForObject("select count(*) from pending_session_events where event_id = ?", Integer.class, run + "-pending")).isZero();
    }

    private void chat(long id, String channel, Duration age) {
        jdbc.update("insert into chat_messages (id, channel, player_id, player_name, text, sent_at) values (?, ?, ?, ?, ?, ?)", id, channel, "p", "p",
                "hi", ago(age));
    }

    private void processed(String id, Duration age) {
        jdbc.update("insert into processed_events (event_id, received_at) values (?, ?)", id, ago(age));
    }

    private static OffsetDateTime ago(Duration age) {
        return OffsetDateTime.ofInstant(Instant.now().minus(age), ZoneOffset.UTC);
    }
}
