package dev.skirmish.lobby.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.TestSchema;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The shared buckets' table after the real migrations (cluster20): unlogged, so a bucket's transaction writes no WAL
 * and its commit waits for no flush (the chat limit takes one per line), and two nodes' {@link SharedBuckets} on it
 * still grant a key its capacity once between them. Runs on a fresh schema of the test PostgreSQL; skipped without one.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the shared bucket table tests against PostgreSQL")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedBucketsTableTest {
    private TestSchema schema;

    @BeforeAll
    void migrate() {
        schema = TestSchema.migrated("buckets_");
    }

    @AfterAll
    void drop() {
        if (schema != null) schema.close();
    }

    @Test
    void theBucketTableAndItsIndexAreUnlogged() {
        List<Map<String, Object>> rows = schema.jdbc().queryForList("""
                select c.relname, c.relpersistence from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relname like '%rate%buckets%' order by c.relname""");
        assertThat(rows).extracting(r -> r.get("relname") + "=" + r.get("relpersistence")).containsExactly(
                "chat_rate_buckets=u", "chat_rate_buckets_pkey=u",
                "rate_limit_buckets=u", "rate_limit_buckets_expires=u", "rate_limit_buckets_pkey=u");
    }

    private SharedBuckets node() {
        var props = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("skirmish.lobby.limits", Bindable.of(LimitProperties.class));
        return new SharedBuckets(schema.jdbc().getDataSource(), null, props);
    }

    @Test
    void twoNodesOnTheUnloggedTableGrantAKeyItsCapacityOnce() {
        var one = node();
        var two = node();
        // three tokens, one back every 100 s: none returns while the test runs
        var config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(3).refillGreedy(3, Duration.ofSeconds(300)).build()).build();
        String key = UUID.randomUUID().toString();
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < 6; i++) granted.add((i % 2 == 0 ? one : two).take("TEST", key, config).isConsumed());
        assertThat(granted).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void theChatStatementGrantsAPlayerItsBurstOnceOverTwoNodes() {
        var one = node();
        var two = node();
        String player = UUID.randomUUID().toString();
        List<Boolean> granted = new ArrayList<>();
        // three tokens, one back every 1,000 s: none returns while the test runs
        for (int i = 0; i < 6; i++) granted.add((i % 2 == 0 ? one : two).takeChat(player, 3, 0.001));
        assertThat(granted).containsExactly(true, true, true, false, false, false);
        assertThat(one.takeChat(UUID.randomUUID().toString(), 3, 0.001)).as("another player's bucket").isTrue();
    }

    @Test
    void theChatBucketRefillsAtItsRateUpToItsCapacityAndRefusalsTakeNothing() {
        var one = node();
        String player = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) assertThat(one.takeChat(player, 2, 0.001)).isTrue();
        for (int i = 0; i < 5; i++) assertThat(one.takeChat(player, 2, 0.001)).as("empty").isFalse();
        // 1,500 s earlier at 0.001 per second: 1.5 tokens came back, the refusals above took none of them
        schema.jdbc().update("update chat_rate_buckets set refilled_at = refilled_at - 1500 where id = ?", "CHAT_RATE_LIMITED:" + player);
        assertThat(one.takeChat(player, 2, 0.001)).isTrue();
        assertThat(one.takeChat(player, 2, 0.001)).as("half a token left").isFalse();
        // a day earlier: full again, but never more than the capacity
        schema.jdbc().update("update chat_rate_buckets set refilled_at = refilled_at - 86400 where id = ?", "CHAT_RATE_LIMITED:" + player);
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < 3; i++) granted.add(one.takeChat(player, 2, 0.001));
        assertThat(granted).containsExactly(true, true, false);
    }

    @Test
    void theCleanerDeletesChatRowsThatAreFullAgainAndKeepsTheOthers() {
        var one = node();
        String full = UUID.randomUUID().toString(), busy = UUID.randomUUID().toString();
        one.takeChat(full, 3, 0.001);
        one.takeChat(busy, 3, 0.001);
        schema.jdbc().update("update chat_rate_buckets set full_at = full_at - 100000 where id = ?", "CHAT_RATE_LIMITED:" + full);
        one.removeExpired();
        assertThat(schema.jdbc().queryForList("select id from chat_rate_buckets where id in (?, ?)", String.class,
                "CHAT_RATE_LIMITED:" + full, "CHAT_RATE_LIMITED:" + busy)).containsExactly("CHAT_RATE_LIMITED:" + busy);
    }
}
