package dev.skirmish.lobby.players;

import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two of the cluster's presence reads and writes, each the road before 2026-12-06 against the new one, alternated: a node's presence renewal (every {@code presence-lease}/3, 10 s by default, for every player it holds a socket of) as
 * one batch of an upsert per player (the road before 2026-12-06) against {@link SharedPresence#renew}'s one statement
 * per chunk; and the idle-seat sweep's "who of these is connected" as {@link SharedPresence#isConnected} per player against
 * {@link SharedPresence#connectedAmong}. On one connection to the test PostgreSQL (a schema of its own, dropped at the end). Reports
 * CPU per renewal: this thread's (the lobby's side) and the PostgreSQL backend's ({@code /proc/<pid>/stat}, so the
 * database must run on this machine), both independent of the wall clock. Not a test: a main.
 * <pre>bench/run-main.sh dev.skirmish.lobby.players.PresenceRenewBench [players=2000] [rounds=40]</pre>
 */
public final class PresenceRenewBench {
    /** The statement the renewal batched before, once per player. */
    private static final String PER_PLAYER = "insert into player_presence (player_id, last_seen, connected_until, connected_node) "
            + "values (?, ?, ?, ?) on conflict (player_id) do update set "
            + "last_seen = greatest(player_presence.last_seen, excluded.last_seen), "
            + "connected_until = greatest(player_presence.connected_until, excluded.connected_until), "
            + "connected_node = excluded.connected_node, reconnect_until = null";

    public static void main(String[] args) throws Exception {
        int players = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String url = System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/skirmish_test");
        String schema = "renew_bench_" + UUID.randomUUID().toString().substring(0, 8);
        var ds = new SingleConnectionDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_USER", "skirmish"),
                System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_PASSWORD", "skirmish"), true);
        Flyway.configure().dataSource(ds).schemas(schema).load().migrate();
        var jdbc = new JdbcTemplate(ds);
        try {
            var binder = new Binder(new MapConfigurationPropertySource(Map.of("skirmish.lobby.token-secret", "renew-bench-secret-0123456789abcdef")));
            var presence = new SharedPresence(jdbc, Clock.systemUTC(), binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class)),
                    binder.bindOrCreate("skirmish.cluster", Bindable.of(ClusterProperties.class)));
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < players; i++) ids.add(UUID.randomUUID().toString());
            int backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
            var threads = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[2], db = new long[2];
            for (int r = 0; r < rounds + 4; r++) {
                int road = r % 2; // 0: a batch of one upsert per player, 1: renew's chunks
                long c0 = threads.getCurrentThreadCpuTime(), d0 = ticks(backend);
                if (road == 0) {
                    Instant now = Instant.now();
                    List<Object[]> rows = new ArrayList<>();
                    for (String id : ids) rows.add(new Object[] {id, Timestamp.from(now), Timestamp.from(now.plusSeconds(30)), "bench"});
                    jdbc.batchUpdate(PER_PLAYER, rows);
                } else {
                    presence.renew(ids);
                }
                if (r < 4) continue; // warm-up: the JIT, the plans, the table's first rows
                cpu[road] += threads.getCurrentThreadCpuTime() - c0;
                db[road] += ticks(backend) - d0;
            }
            // the idle-seat sweep's question for the seated players of other nodes: a query each, or connectedAmong's chunks
            long[] qcpu = new long[2], qdb = new long[2];
            for (int r = 0; r < rounds + 4; r++) {
                int road = r % 2;
                long c0 = threads.getCurrentThreadCpuTime(), d0 = ticks(backend);
                if (road == 0) {
                    for (String id : ids) presence.isConnected(id);
                } else {
                    presence.connectedAmong(ids);
                }
                if (r < 4) continue;
                qcpu[road] += threads.getCurrentThreadCpuTime() - c0;
                qdb[road] += ticks(backend) - d0;
            }
            long hz = 100; // USER_HZ
            int each = rounds / 2;
            System.out.printf("players %d, rounds %d of each road (alternated), backend %d%n", players, each, backend);
            System.out.printf("per renewal: batch of upserts  lobby thread %.2f ms, PostgreSQL backend %.1f ms%n", cpu[0] / 1e6 / each, db[0] * 1000.0 / hz / each);
            System.out.printf("per renewal: one statement     lobby thread %.2f ms, PostgreSQL backend %.1f ms%n", cpu[1] / 1e6 / each, db[1] * 1000.0 / hz / each);
            System.out.printf("per sweep: a query per player     lobby thread %.2f ms, PostgreSQL backend %.1f ms%n", qcpu[0] / 1e6 / each, qdb[0] * 1000.0 / hz / each);
            System.out.printf("per sweep: connectedAmong         lobby thread %.2f ms, PostgreSQL backend %.1f ms%n", qcpu[1] / 1e6 / each, qdb[1] * 1000.0 / hz / each);
        } finally {
            jdbc.execute("drop schema " + schema + " cascade");
            ds.destroy();
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long ticks(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
