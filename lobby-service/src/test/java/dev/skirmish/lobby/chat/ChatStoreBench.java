package dev.skirmish.lobby.chat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What storing a chat line costs at a given rate, without the rest of the lobby: the real {@link ChatWriter} and
 * {@link ChatStore} on an H2 file database with the lobby's migrations, one sender thread offering {@code rate}
 * 40-character lines a second in 24 channels for {@code seconds} after as long a warm-up, deliveries counted only.
 * Reports the lines per commit, and the process's CPU (but the sender's own; the writer thread's and H2's background
 * threads' apart) and every thread's allocation per line, both independent of how busy the machine is. Not a test (no
 * assertion, not run by surefire); from lobby-service with the test classpath (docs/benchmarks.md):
 * {@code java -cp ... dev.skirmish.lobby.chat.ChatStoreBench [rate] [seconds] [linger-ms]}. Environment:
 * {@code CHAT_BENCH_URL} (and {@code _USER}/{@code _PASSWORD}, default skirmish) a PostgreSQL to store into instead
 * (the process's CPU then leaves out the server's); {@code CHAT_BENCH_SQL} statements (separated by {@code ;}) run after
 * the migrations, e.g. to put back an index a migration dropped for an A/B.
 */
public final class ChatStoreBench {
    /** Lines the writer refused (its queue full: the machine did not give it enough CPU for the rate). */
    private static final LongAdder REFUSED = new LongAdder();

    private ChatStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration linger = Duration.ofNanos((long) ((args.length > 2 ? Double.parseDouble(args[2]) : 2) * 1e6));
        var dir = Files.createTempDirectory("chat-store-bench");
        try (var pool = new HikariDataSource()) {
            String url = System.getenv("CHAT_BENCH_URL");
            if (url == null) {
                pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("lobby") + ";DB_CLOSE_ON_EXIT=FALSE");
                pool.setUsername("sa");
                pool.setPassword("");
                pool.addDataSourceProperty("QUERY_CACHE_SIZE", "64");
            } else {
                pool.setJdbcUrl(url);
                pool.setUsername(System.getenv().getOrDefault("CHAT_BENCH_USER", "skirmish"));
                pool.setPassword(System.getenv().getOrDefault("CHAT_BENCH_PASSWORD", "skirmish"));
            }
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            String extra = System.getenv("CHAT_BENCH_SQL");
            if (extra != null) for (String sql : extra.split(";")) new JdbcTemplate(pool).execute(sql);
            var store = new ChatStore(new JdbcTemplate(pool));
            var batches = new LongAdder();
            var delivered = new LongAdder();
            var writer = new ChatWriter(10_000, 500, linger, batch -> {
                batches.increment();
                return store.insert(batch);
            }, m -> delivered.increment());
            writer.start();
            send(writer, rate, seconds, delivered); // warm-up: the JIT, H2's pages
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long cpu0 = os.getProcessCpuTime();
            long self0 = threads.getCurrentThreadCpuTime();
            long alloc0 = threads.getTotalThreadAllocatedBytes();
            long batches0 = batches.sum();
            long writer0 = threadCpu(threads, "chat-writer");
            long h20 = threadCpu(threads, "MVStore") + threadCpu(threads, "H2-");
            long lines = send(writer, rate, seconds, delivered);
            // the sender's own CPU is the inbound side's, not the store's
            long cpu = os.getProcessCpuTime() - cpu0 - (threads.getCurrentThreadCpuTime() - self0);
            long alloc = threads.getTotalThreadAllocatedBytes() - alloc0;
            long commits = batches.sum() - batches0;
            long writerCpu = threadCpu(threads, "chat-writer") - writer0;
            long h2Cpu = threadCpu(threads, "MVStore") + threadCpu(threads, "H2-") - h20;
            System.out.printf("rate %d lines/s, linger %s, %d lines: %.1f lines per commit, CPU %.1f us per line (writer thread %.1f, H2's own threads %.1f), allocated %.1f KiB per line (load %.1f), %d refused%n",
                    rate, linger, lines, (double) lines / commits, cpu / 1e3 / lines, writerCpu / 1e3 / lines, h2Cpu / 1e3 / lines, alloc / 1024.0 / lines,
                    os.getSystemLoadAverage(), REFUSED.sum());
            writer.stop(Duration.ofSeconds(30));
        }
    }

    /** CPU time so far of the live threads whose name starts with {@code prefix}. */
    private static long threadCpu(java.lang.management.ThreadMXBean threads, String prefix) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        }
        return sum;
    }

    /** Offers {@code rate} lines a second for {@code seconds}, then waits (bounded) until all are delivered. */
    private static long send(ChatWriter writer, int rate, int seconds, LongAdder delivered) throws InterruptedException {
        long target = delivered.sum();
        long before = target;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        long gap = TimeUnit.SECONDS.toNanos(1) / rate;
        for (long i = 0; i < total; i++) {
            long due = start + i * gap;
            long wait = due - System.nanoTime();
            if (wait > 50_000) LockSupport.parkNanos(wait);
            try {
                writer.submit(new ChatStore.NewMessage("room-" + (i % 24), "p" + (i % 4000), "player", "x".repeat(40), Instant.now()), e -> { });
                target++;
            } catch (dev.skirmish.lobby.web.LobbyException busy) {
                REFUSED.increment();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (delivered.sum() < target && System.nanoTime() < deadline) Thread.sleep(5);
        return target - before;
    }
}
