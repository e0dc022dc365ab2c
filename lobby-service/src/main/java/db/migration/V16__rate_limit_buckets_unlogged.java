package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * cluster20 (docs/scaling.md "Rate limits"): the shared token buckets become an unlogged table. A transaction that
 * changes only unlogged tables writes no WAL, so its commit does not wait for a WAL flush: the chat bucket's
 * transaction per line (profile cluster, {@code shared-chat-limit=true}, the default) lost its fsync wait and its
 * WAL records. Within a running database nothing changes: every node still takes the same row under its lock, so a
 * player gets each limit once across the nodes. What an unlogged table gives up: after a PostgreSQL crash (not a
 * clean restart), or on a standby promoted after a failover, the table is empty, so every bucket starts full again,
 * as it does anyway once a key has been quiet for its limit's period. A player or an address gains at most one
 * burst per database crash. Java, not SQL: H2 (the default profile, where nothing uses the table) has no unlogged
 * tables.
 */
public class V16__rate_limit_buckets_unlogged extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        var db = context.getConnection();
        if (!"PostgreSQL".equals(db.getMetaData().getDatabaseProductName())) return;
        try (var alter = db.createStatement()) {
            alter.execute("alter table rate_limit_buckets set unlogged");
        }
    }
}
