package dev.skirmish.lobby.ws;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.springframework.messaging.simp.stomp.ReactorNettyTcpStompClient;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompReactorNettyCodec;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.tcp.TcpOperations;
import org.springframework.messaging.tcp.reactor.ReactorNettyTcpClient;

/**
 * What the bridge's writes cost the node per bundle, with Spring's session waiting for every write ({@code waited},
 * as before 2026-12-06) or over {@link UnwaitedWrites} ({@code unwaited}): one thread sends a frame of
 * {@code bytes} to RabbitMQ every {@code everyMicros} (a bundle per 2 ms window, as the bundler's sender does) on
 * a topic nobody listens to. Reports the process's CPU per frame (every thread: the sender, the connection's I/O
 * thread) and the process's context switches per frame (voluntary + involuntary, from /proc), both far less
 * dependent on the machine's load than wall time. Not a test (no assertion, not run by surefire); needs RabbitMQ's
 * STOMP plugin on loopback; run it with bench/run-main.sh:
 * {@code bench/run-main.sh dev.skirmish.lobby.ws.BridgeWriteBench unwaited 20 1500 2000}
 */
public final class BridgeWriteBench {
    private BridgeWriteBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean unwaited = args.length > 0 && args[0].equals("unwaited");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        long everyNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 3 ? Long.parseLong(args[3]) : 2000);
        String host = System.getProperty("relay.host", "127.0.0.1");
        int port = Integer.getInteger("relay.port", 61613);
        var tcp = new ReactorNettyTcpClient<byte[]>(host, port, new StompReactorNettyCodec());
        TcpOperations<byte[]> ops = unwaited ? new UnwaitedWrites(tcp, 4L << 20) : tcp;
        var client = new ReactorNettyTcpStompClient(ops);
        var connect = new StompHeaders();
        connect.setLogin(System.getProperty("relay.login", "guest"));
        connect.setPasscode(System.getProperty("relay.passcode", "guest"));
        StompSession session = client.connectAsync(connect, new StompSessionHandlerAdapter() { }).get(10, TimeUnit.SECONDS);
        byte[] body = new byte[bytes];
        long warm = send(session, body, everyNanos, TimeUnit.SECONDS.toNanos(Math.max(5, seconds / 2)));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        var before = new java.util.HashMap<Long, Long>();
        for (long id : threads.getAllThreadIds()) before.put(id, threads.getThreadCpuTime(id));
        long cpu0 = os.getProcessCpuTime();
        long switches0 = contextSwitches();
        long frames = send(session, body, everyNanos, TimeUnit.SECONDS.toNanos(seconds));
        long cpu = os.getProcessCpuTime() - cpu0;
        long switches = contextSwitches() - switches0;
        System.out.printf("%s: %d frames of %d bytes every %d us (after %d warm-up): CPU %.2f us per frame, %.2f context switches per frame (load %.1f)%n",
                unwaited ? "unwaited" : "waited", frames, bytes, everyNanos / 1000, warm, cpu / 1e3 / frames, (double) switches / frames,
                os.getSystemLoadAverage());
        // by thread (name without digits): the sender (main), the connection's I/O thread, the JIT and GC are apart
        var byName = new java.util.TreeMap<String, Long>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long t = threads.getThreadCpuTime(id);
            if (info == null || t < 0) continue;
            byName.merge(info.getThreadName().replaceAll("\\d+", "N"), t - before.getOrDefault(id, 0L), Long::sum);
        }
        byName.forEach((name, t) -> {
            if (t > 0) System.out.printf("  %-28s %8.2f us per frame%n", name, t / 1e3 / frames);
        });
        session.disconnect();
        client.shutdown();
    }

    /** Sends paced frames for {@code nanos}; a frame that falls behind its slot is sent at once (no catching up in bursts). */
    private static long send(StompSession session, byte[] body, long everyNanos, long nanos) {
        var headers = new StompHeaders();
        headers.setDestination("/topic/skirmish.bench-nobody");
        headers.set(StompHeaders.CONTENT_TYPE, "application/octet-stream");
        long end = System.nanoTime() + nanos;
        long next = System.nanoTime();
        long frames = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) return frames;
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            session.send(headers, body);
            frames++;
            next = Math.max(next + everyNanos, now);
        }
    }

    /** The process's context switches so far (every thread's, from /proc/self/task/N/status). */
    private static long contextSwitches() throws Exception {
        long n = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            n += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (java.io.IOException e) {
                    // a thread that ended meanwhile
                }
            }
        }
        return n;
    }
}
