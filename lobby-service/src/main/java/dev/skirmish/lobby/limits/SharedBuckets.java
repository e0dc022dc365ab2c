package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.config.OncePerCluster;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: the token buckets of the rate limits live in PostgreSQL (table {@code rate_limit_buckets},
 * Bucket4j's proxy manager, one row per limit and key taken with {@code select ... for update}), so a player or an
 * address gets each limit once across all nodes, not once per node it reaches through the balancer. A row expires
 * when its bucket would be full again; the cleaner deletes expired rows in batches, on one node at a time, so the
 * table holds only the keys active within their limit's period.
 * <p>
 * The chat limit is the exception ({@link #chatCharge}, {@link #takeChat}): one statement per batch of lines, part of
 * the statement that stores the batch (pg26), on a table of its own ({@code chat_rate_buckets}, Flyway V16, V17) instead of Bucket4j's transaction
 * of three round trips per line. Both tables are
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
     * A batch of chat lines charged in one statement (see {@link #takeChat}), each key at most once with its count of
     * lines {@code n}, atomic per row under its lock (INSERT ... ON CONFLICT DO UPDATE re-reads the newest row
     * version): refill the tokens greedily at {@code rate} per second since {@code refilled_at} (PostgreSQL's clock, so
     * one clock for all nodes; never backwards) up to {@code capacity}, grant {@code least(n, floor(tokens))} and take
     * only those, so a refused line takes nothing; with none to grant leave the row as it is and return no row. A new
     * key starts full. The proposed row carries the count in {@code granted}: {@code excluded} is the only way to hand
     * a per-key value to the update, and RETURNING sees only the new row. Rows go in the keys' order, so two nodes'
     * batches lock shared keys in one order and never deadlock on them. {@code %1$s} is the refilled count. Once per
     * batch, so named parameters (their substitution costs little next to the round trip it replaces per line).
     */
    static final String TAKE_CHAT_BATCH = """
            insert into chat_rate_buckets as b (id, tokens, refilled_at, full_at, granted)
            select r.id, :cap - least(r.n, floor(:cap)), c.now, c.now + least(r.n, floor(:cap)) / :rate, least(r.n, floor(:cap))
            from unnest(:ids::varchar[], :counts::int[]) as r(id, n), (select extract(epoch from clock_timestamp())::float8 as now) c
            order by r.id
            on conflict (id) do update
            set granted = least(excluded.granted, floor(%1$s)),
                tokens = %1$s - least(excluded.granted, floor(%1$s)),
                refilled_at = greatest(b.refilled_at, excluded.refilled_at),
                full_at = greatest(b.refilled_at, excluded.refilled_at) + (:cap - %1$s + least(excluded.granted, floor(%1$s))) / :rate
            where %1$s >= 1
            returning b.id, b.granted""".formatted("least(:cap, b.tokens + greatest(0, excluded.refilled_at - b.refilled_at) * :rate)");
    private static final ParsedSql TAKE_CHAT_PARSED = NamedParameterUtils.parseSqlStatement(TAKE_CHAT_BATCH);
    /** the key prefix of the chat's rows (the limit's refusal code, as Bucket4j's rows carry their limit's name) */
    private static final String CHAT_KEY = "CHAT_RATE_LIMITED:";
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

    /**
     * The chat limit's charge of a batch ({@link #TAKE_CHAT_BATCH}) for a statement that goes on with what it grants
     * (pg26: {@code ChatStore} stores the granted lines in the same statement): named parameters {@code :cap},
     * {@code :rate}, {@code :ids} (each key once, {@link #chatKey}) and {@code :counts}; it returns {@code (id, granted)}
     * for each key granted at least one line.
     */
    public static String chatCharge() {
        return TAKE_CHAT_BATCH;
    }

    /** a player's row in {@code chat_rate_buckets} */
    public static String chatKey(String playerId) {
        return CHAT_KEY + playerId;
    }

    /** Takes one token of {@code limit}'s bucket for {@code key}, creating it full with {@code config} when new. */
    public ConsumptionProbe take(String limit, String key, BucketConfiguration config) {
        return proxies.getProxy(limit + ":" + key, () -> config).tryConsumeAndReturnRemaining(1);
    }

    /**
     * The parameters of {@link #chatCharge} for a batch: {@code lines} gives each player's count of lines (at most one
     * entry per player); the caller adds its own parameters, if its statement has more.
     */
    public static MapSqlParameterSource chatChargeParams(Connection con, Map<String, Integer> lines, double capacity, double perSecond) throws SQLException {
        String[] ids = new String[lines.size()];
        Integer[] counts = new Integer[lines.size()];
        int i = 0;
        for (var e : lines.entrySet()) {
            ids[i] = chatKey(e.getKey());
            counts[i++] = e.getValue();
        }
        // named parameters (Spring's parser, the statement's text the same every time): cap and rate appear 14 times
        return new MapSqlParameterSource().addValue("cap", capacity).addValue("rate", perSecond)
                .addValue("ids", con.createArrayOf("varchar", ids)).addValue("counts", con.createArrayOf("integer", counts));
    }

    /**
     * Charges the chat buckets for a batch of lines in one statement on {@code con} (the caller's transaction: a
     * rollback takes the charge back), {@code lines} giving each player's count of lines (at most one entry per
     * player); returns how many lines each player was granted (absent: none), at most its count. The charge alone,
     * for the tests that pin its rules: the lobby's chat writer runs the same statement inside its insert
     * ({@link #chatCharge}, pg26).
     */
    Map<String, Integer> takeChat(Connection con, Map<String, Integer> lines, double capacity, double perSecond) throws SQLException {
        var granted = new HashMap<String, Integer>(lines.size() * 2);
        var params = chatChargeParams(con, lines, capacity, perSecond);
        try (PreparedStatement ps = con.prepareStatement(NamedParameterUtils.substituteNamedParameters(TAKE_CHAT_PARSED, params))) {
            Object[] values = NamedParameterUtils.buildValueArray(TAKE_CHAT_PARSED, params, null);
            for (int p = 0; p < values.length; p++) ps.setObject(p + 1, values[p]);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    int n = rows.getInt(2);
                    if (n > 0) granted.put(rows.getString(1).substring(CHAT_KEY.length()), n);
                }
            }
        }
        return granted;
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
