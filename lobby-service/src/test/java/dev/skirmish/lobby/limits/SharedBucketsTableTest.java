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
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The shared buckets' table after the real migrations (cluster20): unlogged, so a bucket's transaction writes no WAL
 * and its commit waits for no flush (the chat limit takes one per batch of lines), and two nodes' {@link SharedBuckets} on it
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

    /** One batch of chat lines in a transaction of its own: each player's count of lines; how many each was granted. */
    private Map<String, Integer> charge(SharedBuckets node, double capacity, double perSecond, Map<String, Integer> lines) {
        return schema.jdbc().execute((ConnectionCallback<Map<String, Integer>>) con -> node.takeChat(con, lines, capacity, perSecond));
    }

    private int charge(SharedBuckets node, String player, int lines, double capacity, double perSecond) {
        return charge(node, capacity, perSecond, Map.of(player, lines)).getOrDefault(player, 0);
    }

    private void earlier(String player, double seconds) {
        schema.jdbc().update("update chat_rate_buckets set refilled_at = refilled_at - ? where id = ?", seconds, "CHAT_RATE_LIMITED:" + player);
    }

    @Test
    void theChatStatementGrantsAPlayerItsBurstOnceOverTwoNodes() {
        var one = node();
        var two = node();
        String player = UUID.randomUUID().toString();
        List<Integer> granted = new ArrayList<>();
        // three tokens, one back every 1,000 s: none returns while the test runs
        for (int i = 0; i < 6; i++) granted.add(charge(i % 2 == 0 ? one : two, player, 1, 3, 0.001));
        assertThat(granted).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(charge(one, UUID.randomUUID().toString(), 1, 3, 0.001)).as("another player's bucket").isEqualTo(1);
    }

    @Test
    void aBatchGrantsEachPlayerAtMostItsTokensAndEveryPlayerItsOwn() {
        var one = node();
        String a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString(), c = UUID.randomUUID().toString();
        assertThat(charge(one, a, 1, 3, 0.001)).isEqualTo(1);
        // a has 2 tokens left, b and c are new (3 each)
        assertThat(charge(one, 3, 0.001, Map.of(a, 5, b, 2, c, 7))).isEqualTo(Map.of(a, 2, b, 2, c, 3));
        assertThat(charge(one, 3, 0.001, Map.of(a, 1, b, 2, c, 1))).as("only b has a token left").isEqualTo(Map.of(b, 1));
    }

    @Test
    void theChatBucketRefillsAtItsRateUpToItsCapacityAndRefusalsTakeNothing() {
        var one = node();
        String player = UUID.randomUUID().toString();
        assertThat(charge(one, player, 2, 2, 0.001)).isEqualTo(2);
        for (int i = 0; i < 5; i++) assertThat(charge(one, player, 3, 2, 0.001)).as("empty").isZero();
        // 1,500 s earlier at 0.001 per second: 1.5 tokens came back, the refusals above took none of them
        earlier(player, 1500);
        assertThat(charge(one, player, 3, 2, 0.001)).as("one of three lines: the other two take nothing").isEqualTo(1);
        assertThat(charge(one, player, 1, 2, 0.001)).as("half a token left").isZero();
        // 500 s more: the half token and another half make one, so the two refused lines above took nothing
        earlier(player, 500);
        assertThat(charge(one, player, 1, 2, 0.001)).isEqualTo(1);
        // a day earlier: full again, but never more than the capacity
        earlier(player, 86400);
        assertThat(charge(one, player, 5, 2, 0.001)).isEqualTo(2);
    }

    @Test
    void aChargeRolledBackWithItsBatchTakesNothing() {
        var one = node();
        String player = UUID.randomUUID().toString();
        schema.jdbc().execute((ConnectionCallback<Void>) con -> {
            con.setAutoCommit(false);
            try {
                assertThat(one.takeChat(con, Map.of(player, 3), 3, 0.001)).isEqualTo(Map.of(player, 3));
                con.rollback();
            } finally {
                con.setAutoCommit(true);
            }
            return null;
        });
        assertThat(charge(one, player, 4, 3, 0.001)).isEqualTo(3);
    }

    @Test
    void twoNodesChargingAtOnceGrantABurstOnce() throws Exception {
        var one = node();
        var two = node();
        String player = UUID.randomUUID().toString(), other = UUID.randomUUID().toString();
        // both nodes charge the same two keys at once, batch after batch: each key's 10 tokens are granted once between them
        Callable<int[]> node1 = () -> chargeMany(one, player, other), node2 = () -> chargeMany(two, other, player);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var f1 = pool.submit(node1);
            var f2 = pool.submit(node2);
            int[] a = f1.get(), b = f2.get();
            assertThat(a[0] + b[1]).as("player").isEqualTo(10);
            assertThat(a[1] + b[0]).as("other").isEqualTo(10);
        }
    }

    private int[] chargeMany(SharedBuckets node, String first, String second) {
        int[] granted = new int[2];
        for (int i = 0; i < 20; i++) {
            var got = charge(node, 10, 0.0001, Map.of(first, 1, second, 1));
            granted[0] += got.getOrDefault(first, 0);
            granted[1] += got.getOrDefault(second, 0);
        }
        return granted;
    }

    @Test
    void theCleanerDeletesChatRowsThatAreFullAgainAndKeepsTheOthers() {
        var one = node();
        String full = UUID.randomUUID().toString(), busy = UUID.randomUUID().toString();
        charge(one, 3, 0.001, Map.of(full, 1, busy, 1));
        schema.jdbc().update("update chat_rate_buckets set full_at = full_at - 100000 where id = ?", "CHAT_RATE_LIMITED:" + full);
        one.removeExpired();
        assertThat(schema.jdbc().queryForList("select id from chat_rate_buckets where id in (?, ?)", String.class,
                "CHAT_RATE_LIMITED:" + full, "CHAT_RATE_LIMITED:" + busy)).containsExactly("CHAT_RATE_LIMITED:" + busy);
    }
}
