package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.config.OncePerCluster;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.sql.ResultSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: the token buckets of the rate limits live in PostgreSQL (table {@code rate_limit_buckets},
 * Bucket4j's proxy manager, one row per limit and key taken with {@code select ... for update}), so a player or an
 * address gets each limit once across all nodes, not once per node it reaches through the balancer. A row expires
 * when its bucket would be full again; the cleaner deletes expired rows in batches, on one node at a time, so the
 * table holds only the keys active within their limit's period.
 * <p>
 * The chat limit, checked once per line, is the exception ({@link #takeChat}): one statement on a table of its own
 * ({@code chat_rate_buckets}, Flyway V16) instead of Bucket4j's transaction of three round trips. Both tables are
 * unlogged (V16: no WAL, no flush at commit; after a database crash every bucket starts full).
 */
@Component
@Profile("cluster")
public class SharedBuckets {
    static final String TABLE = "rate_limit_buckets";
    /** Rows the cleaner deletes per statement; it repeats while a batch comes back full, up to {@link #MAX_BATCHES}. */
    static final int BATCH = 1000;
    static final int MAX_BATCHES = 100;
    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

    /**
     * One token of a chat bucket in one statement (positional parameters, see {@link #takeChat}: named ones cost a
     * third of the call's bytes, the SQL substituted on every line), atomic under the row's lock (INSERT ... ON CONFLICT DO UPDATE
     * re-reads the newest row version): refill the tokens greedily at {@code rate} per second since {@code
     * refilled_at} (PostgreSQL's clock, so one clock for all nodes; never backwards), up to {@code capacity}; take one
     * if at least one is there, else leave the row as it is and return no row. A new key starts full, less the token.
     */
    static final String TAKE_CHAT = """
            insert into chat_rate_buckets as b (id, tokens, refilled_at, full_at)
            select ?, ? - 1, c.now, c.now + 1 / ? from (select extract(epoch from clock_timestamp())::float8 as now) c
            on conflict (id) do update
            set tokens = least(?, b.tokens + greatest(0, excluded.refilled_at - b.refilled_at) * ?) - 1,
                refilled_at = greatest(b.refilled_at, excluded.refilled_at),
                full_at = greatest(b.refilled_at, excluded.refilled_at)
                          + (? - least(?, b.tokens + greatest(0, excluded.refilled_at - b.refilled_at) * ?) + 1) / ?
            where least(?, b.tokens + greatest(0, excluded.refilled_at - b.refilled_at) * ?) >= 1
            returning b.tokens""";
    /** a second of slack past "full again", as for Bucket4j's rows */
    static final String REMOVE_FULL_CHAT = """
            delete from chat_rate_buckets where id in (select id from chat_rate_buckets
            where full_at < extract(epoch from clock_timestamp()) - 1 limit ? for update skip locked)""";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final JdbcTemplate jdbc;
    private final OncePerCluster once;
    private final Duration cleanInterval;
    private ScheduledExecutorService cleaner;

    public SharedBuckets(DataSource dataSource, OncePerCluster once, LimitProperties props) {
        this.once = once;
        this.jdbc = new JdbcTemplate(dataSource);
        this.cleanInterval = props.sharedBucketCleanInterval();
        // a second of slack past "full again" so a row is never dropped while a refill is still being computed on it
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE).expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(1)))
                .build();
    }

    /** Takes one token of {@code limit}'s bucket for {@code key}, creating it full with {@code config} when new. */
    public ConsumptionProbe take(String limit, String key, BucketConfiguration config) {
        return proxies.getProxy(limit + ":" + key, () -> config).tryConsumeAndReturnRemaining(1);
    }

    /**
     * Takes one token of the chat bucket of {@code key} ({@code capacity} tokens, refilled at {@code perSecond}) in
     * one statement and one round trip; true when there was one.
     */
    public boolean takeChat(String key, double capacity, double perSecond) {
        Double cap = capacity, rate = perSecond;
        Boolean taken = jdbc.query(TAKE_CHAT, ResultSet::next, "CHAT_RATE_LIMITED:" + key, cap, rate, cap, rate, cap, cap, rate, rate, cap, rate);
        return Boolean.TRUE.equals(taken);
    }

    /** Deletes the rows of buckets that are full again (Bucket4j's and the chat's); returns how many went. */
    int removeExpired() {
        return inBatches(proxies::removeExpired) + inBatches(batch -> jdbc.update(REMOVE_FULL_CHAT, batch));
    }

    /** Deletes batch after batch of {@link #BATCH} rows until one comes back short, at most {@link #MAX_BATCHES}. */
    private static int inBatches(IntUnaryOperator deleteBatch) {
        int removed = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = deleteBatch.applyAsInt(BATCH);
            removed += n;
            if (n < BATCH) break;
        }
        return removed;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (cleaner != null) return;
        cleaner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lobby-bucket-cleaner").factory());
        long every = cleanInterval.toMillis();
        cleaner.scheduleWithFixedDelay(() -> {
            try {
                once.run("lobby-rate-limit-cleaner", cleanInterval.multipliedBy(5), () -> {
                    int n = removeExpired();
                    if (n > 0) log.debug("removed {} rate-limit buckets that were full again", n);
                });
            } catch (RuntimeException e) {
                log.warn("rate-limit bucket cleaner failed; it runs again in {}", cleanInterval, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (cleaner != null) cleaner.shutdownNow();
    }
}
