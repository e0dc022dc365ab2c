package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * cluster20 (docs/scaling.md "Rate limits"): the shared token buckets become unlogged tables, and the chat limit gets
 * a table of its own that one statement updates ({@code SharedBuckets#takeChat}).
 * <p>
 * Unlogged: a transaction that changes only unlogged tables writes no WAL, so its commit does not wait for a WAL
 * flush (on the benchmark machine 5-7 ms per bucket transaction against 0.4-0.7 without). Within a running database
 * nothing changes: every node still takes the same row under its lock, so a player gets each limit once across the
 * nodes. What it gives up: after a PostgreSQL crash (not a clean restart), or on a standby promoted after a failover,
 * the tables are empty, so every bucket starts full again, as it does anyway once a key has been quiet for its
 * limit's period: a player or an address gains at most one burst per database crash.
 * <p>
 * {@code chat_rate_buckets}: tokens left and the time (PostgreSQL's clock, epoch seconds) they were counted;
 * {@code full_at} is when the bucket would be full again, after which the cleaner deletes the row. No index on it
 * and half of each page left free: every line updates its row, and an update that changes no indexed column and
 * finds room on its page is a HOT update (no new index entries, its dead version pruned within the page); with an
 * index on {@code full_at} none of the 191,226 updates of a benchmark run was. The cleaner's scan once a minute on
 * one node reads a table of the keys active within the chat's refill time.
 * <p>
 * Java, not SQL: H2 (the default profile, where nothing uses these tables) has no unlogged tables; there the chat
 * table is created plain, as V12 created {@code rate_limit_buckets}.
 */
public class V16__rate_limit_buckets_unlogged extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        var db = context.getConnection();
        boolean postgres = "PostgreSQL".equals(db.getMetaData().getDatabaseProductName());
        try (var ddl = db.createStatement()) {
            if (postgres) ddl.execute("alter table rate_limit_buckets set unlogged");
            ddl.execute("create " + (postgres ? "unlogged " : "") + "table chat_rate_buckets ("
                    + " id varchar(160) primary key, tokens double precision not null,"
                    + " refilled_at double precision not null, full_at double precision not null)"
                    + (postgres ? " with (fillfactor = 50)" : ""));
        }
    }
}
