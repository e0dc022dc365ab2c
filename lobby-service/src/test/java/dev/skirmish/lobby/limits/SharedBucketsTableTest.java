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
                where n.nspname = current_schema() and c.relname in ('rate_limit_buckets', 'rate_limit_buckets_expires', 'rate_limit_buckets_pkey')
                order by c.relname""");
        assertThat(rows).extracting(r -> r.get("relname") + "=" + r.get("relpersistence"))
                .containsExactly("rate_limit_buckets=u", "rate_limit_buckets_expires=u", "rate_limit_buckets_pkey=u");
    }

    @Test
    void twoNodesOnTheUnloggedTableGrantAKeyItsCapacityOnce() {
        var props = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("skirmish.lobby.limits", Bindable.of(LimitProperties.class));
        var one = new SharedBuckets(schema.jdbc().getDataSource(), null, props);
        var two = new SharedBuckets(schema.jdbc().getDataSource(), null, props);
        // three tokens, one back every 100 s: none returns while the test runs
        var config = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(3).refillGreedy(3, Duration.ofSeconds(300)).build()).build();
        String key = UUID.randomUUID().toString();
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < 6; i++) granted.add((i % 2 == 0 ? one : two).take("TEST", key, config).isConsumed());
        assertThat(granted).containsExactly(true, true, true, false, false, false);
    }
}
