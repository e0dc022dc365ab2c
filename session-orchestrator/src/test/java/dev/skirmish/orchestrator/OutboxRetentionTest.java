package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.orchestrator.events.OutboxRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attack on availability: every session leaves outbox rows, and without a purge the table (and the disk) grows
 * for ever. Delivered rows past the retention go, in bounded batches; recent and undelivered ones stay (H2).
 */
class OutboxRetentionTest {
    @TempDir
    Path dir;

    @Test
    void deliveredEventsPastTheRetentionArePurgedInBatchesUndeliveredOnesStay() {
        Map<String, Object> p = TestOrchestrator.defaults(dir, TestJars.fakeServerJar());
        p.put("skirmish.orchestrator.outbox-retention", "7d");
        p.put("skirmish.orchestrator.outbox-purge-batch", 3);
        try (TestOrchestrator orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p)) {
            JdbcClient jdbc = JdbcClient.create(orch.bean(DataSource.class));
            Instant now = Instant.now();
            for (int i = 0; i < 10; i++) {
                insert(jdbc, "old-delivered-" + i, now.minus(Duration.ofDays(8 + i)), now.minus(Duration.ofDays(8 + i)));
            }
            insert(jdbc, "recent-delivered", now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1)));
            // never delivered: kept whatever its age (its next attempt is far away so the publisher leaves it alone)
            insert(jdbc, "old-undelivered", now.minus(Duration.ofDays(30)), null);

            assertThat(orch.bean(OutboxRetention.class).purge(now)).isEqualTo(10);
            List<String> left = jdbc.sql("SELECT id FROM outbox_event ORDER BY id").query(String.class).list();
            assertThat(left).containsExactly("old-undelivered", "recent-delivered");
        }
    }

    private static void insert(JdbcClient jdbc, String id, Instant created, Instant delivered) {
        OffsetDateTime c = OffsetDateTime.ofInstant(created, ZoneOffset.UTC);
        jdbc.sql("INSERT INTO outbox_event (id, session_id, type, payload, created_at, attempts, next_attempt_at,"
                        + " delivered_at) VALUES (?, 's-x', 'SESSION_ENDED', '{}', ?, 1, ?, ?)")
                .params(id, c, OffsetDateTime.now(ZoneOffset.UTC).plusYears(1),
                        delivered == null ? null : OffsetDateTime.ofInstant(delivered, ZoneOffset.UTC))
                .update();
    }
}
