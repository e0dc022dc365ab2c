package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.skirmish.orchestrator.sessions.CreateSessionRequest;
import dev.skirmish.orchestrator.sessions.CreatedSession;
import dev.skirmish.orchestrator.sessions.PlayerRequest;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionService;
import dev.skirmish.orchestrator.sessions.SessionState;
import dev.skirmish.orchestrator.warm.WarmPool;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The warm-pool phase of {@link OrchestratorBenchmark}: batches of {@code k} allocations against a pool of k
 * waiting servers. Before each batch, untimed: the pool is refilled (up to {@code refill-starting} JVMs at once),
 * then the harness waits until the pool has settled: the CPU time of the game servers and the orchestrator together
 * stops growing faster than their steady idle rate (ticks, heartbeats), i.e. two consecutive 1 s windows differ by
 * less than {@code settle-cores} (0.03 cores) or 10 %, so the JVM starts, class loading and JIT compilation are over;
 * at most {@code settle-max} seconds. Then k allocations are timed
 * one after another, nothing else is timed; the allocated servers are stopped (untimed). The first
 * {@code warmup-batches} (5) batches warm up the orchestrator's JIT and are not counted. Session events go to a stand-in lobby that answers 204 (an unreachable
 * lobby would keep the outbox retrying during the batch).
 */
final class WarmAllocationPhase {
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One timed allocation: {wall ms, CPU ms of the allocating thread (NaN when not measurable)}. */
    interface Allocator {
        double[] allocate(TestOrchestrator orch, String room);
    }

    /** What the phase measured, and how settled the machine was when each batch started. */
    record Result(List<double[]> allocations, double[] settleSeconds, double[] coresAtStart,
                  double[] orchestratorCoresAtStart, double[] cpuMsPerAllocation, int unsettled, String loadBefore,
                  String loadAfter, int warmupBatches) {
        double[] column(int i) {
            return allocations.stream().mapToDouble(r -> r[i]).toArray();
        }

        String describe() {
            return String.format("%d timed batches after %d untimed (JIT warm-up); before each, settled in %.1f s median (max %.1f s) at %.2f cores median"
                            + " (max %.2f) for the waiting pool and the orchestrator (the orchestrator alone %.2f), %d"
                            + " batches did not settle; the orchestrator's JVM (harness client included) spent %.1f ms"
                            + " of CPU per allocation (median of the batches); load average %s before, %s after",
                    settleSeconds.length, warmupBatches, median(settleSeconds), max(settleSeconds), median(coresAtStart),
                    max(coresAtStart), median(orchestratorCoresAtStart), unsettled, median(cpuMsPerAllocation),
                    loadBefore, loadAfter);
        }
    }

    private final double settleCores = Double.parseDouble(System.getProperty("skirmish.benchmark.settle-cores", "0.03"));
    private final Duration settleMax = Duration.ofSeconds(Integer.getInteger("skirmish.benchmark.settle-max", 60));
    private final int refillStarting = Integer.getInteger("skirmish.benchmark.refill-starting", 4);
    /** Pause between two timed allocations of a batch; 0 = back to back (each allocated server's reaction then
     *  overlaps the next allocation). */
    private final long gapMillis = Long.getLong("skirmish.benchmark.warm-gap-ms", 0);
    /** Untimed batches first: the orchestrator's JIT compiles a path after ~200 calls of it (C1), and an allocation
     *  path is called once per allocation, so a long-running orchestrator has long compiled what the first hundred
     *  allocations of a fresh JVM still interpret. */
    private final int warmupBatches = Integer.getInteger("skirmish.benchmark.warmup-batches", 5);

    Result run(Path d, Map<String, Object> p, int n, int k, Path jar, Allocator allocator) throws IOException {
        HttpServer lobby = standInLobby();
        p.put("skirmish.orchestrator.game-server-jar", jar.toString());
        p.put("skirmish.orchestrator.app-cds", true);
        p.put("skirmish.orchestrator.warm-pool-size", k);
        p.put("skirmish.orchestrator.warm-pool-max-starting", refillStarting);
        p.put("skirmish.orchestrator.max-sessions", 2 * k + 5);
        p.put("skirmish.orchestrator.warm-refill-period", "1h"); // only at startup; the harness refills
        p.put("skirmish.orchestrator.lobby-events-url",
                "http://127.0.0.1:" + lobby.getAddress().getPort() + "/internal/sessions/events");
        List<double[]> ms = new ArrayList<>();
        List<Double> settled = new ArrayList<>();
        List<Double> cores = new ArrayList<>();
        List<Double> orchestratorCores = new ArrayList<>();
        List<Double> cpuPerAllocation = new ArrayList<>();
        int unsettled = 0;
        String loadBefore = loadAverage();
        long deadline = System.nanoTime()
                + Duration.ofMinutes(Integer.getInteger("skirmish.benchmark.warm-minutes", 25)).toNanos();
        try (TestOrchestrator orch = TestOrchestrator.start(d, TestOrchestrator.freeTcpPort(), p)) {
            WarmPool pool = orch.bean(WarmPool.class);
            SessionRegistry registry = orch.bean(SessionRegistry.class);
            for (int batch = 0; ms.size() < n && System.nanoTime() < deadline; batch++) {
                long t0 = System.nanoTime();
                double[] rate;
                do { // a server lost while the pool settles (the orchestrator replaces it) means settling again
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        pool.refill();
                        return idleWarm(registry) >= k;
                    });
                    rate = settle();
                } while (idleWarm(registry) < k);
                if (batch >= warmupBatches) {
                    settled.add((System.nanoTime() - t0) / 1e9);
                    cores.add(rate[0]);
                    orchestratorCores.add(rate[1]);
                    unsettled += rate[2] > 0 ? 0 : 1;
                }
                boolean timed = batch >= warmupBatches;
                int take = timed ? Math.min(k, n - ms.size()) : k;
                long cpu0 = cpu(ProcessHandle.current());
                long[] gc0 = gc();
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long b0 = System.nanoTime();
                for (int i = 0; i < take; i++) {
                    if (i > 0 && gapMillis > 0) {
                        sleep(Duration.ofMillis(gapMillis));
                    }
                    double[] took = allocator.allocate(orch, "warm-" + batch + "-" + i);
                    if (timed) {
                        ms.add(took);
                    }
                }
                // this JVM's CPU during the batch beyond its settled idle rate, per allocation (harness client included)
                double busy = cpu(ProcessHandle.current()) - cpu0 - rate[1] * (System.nanoTime() - b0);
                long[] gc1 = gc();
                long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
                if (timed) {
                    cpuPerAllocation.add(busy / take / 1e6);
                }
                registry.all().stream().filter(s -> s.roomId() != null)
                        .forEach(s -> orch.delete("/api/sessions/" + s.id()));
                await().atMost(Duration.ofMinutes(1)).until(() -> registry.all().stream().allMatch(s -> s.roomId() == null));
                double[] batchMs = ms.subList(ms.size() - (timed ? take : 0), ms.size()).stream()
                        .mapToDouble(r -> r[0]).toArray();
                System.out.printf("warm batch %d done, %d allocations timed, %.2f cores at its start (orchestrator"
                        + " %.2f), orchestrator JVM %.1f ms CPU per allocation, batch p50 %.1f ms, max %.1f ms; during"
                        + " it %d GCs (%d ms), JIT %d ms%n", batch, ms.size(), rate[0], rate[1], busy / take / 1e6,
                        median(batchMs), max(batchMs), gc1[0] - gc0[0], gc1[1] - gc0[1], jit);
            }
        } finally {
            lobby.stop(0);
        }
        return new Result(ms, array(settled), array(cores), array(orchestratorCores), array(cpuPerAllocation),
                unsettled, loadBefore, loadAverage(), warmupBatches);
    }

    /**
     * Waits until two consecutive 1 s windows of CPU use (this JVM and its children) differ by less than
     * {@code settle-cores} or 10 %; returns the last window's {total, orchestrator} in cores, and whether it settled.
     */
    private double[] settle() {
        long end = System.nanoTime() + settleMax.toNanos();
        double[] previous = null;
        while (true) {
            long own0 = cpu(ProcessHandle.current());
            long all0 = own0 + childrenCpu();
            long t0 = System.nanoTime();
            sleep(WINDOW);
            long own1 = cpu(ProcessHandle.current());
            long all1 = own1 + childrenCpu();
            double took = System.nanoTime() - t0;
            double[] rate = {(all1 - all0) / took, (own1 - own0) / took, 0};
            if (previous != null && Math.abs(rate[0] - previous[0]) < Math.max(settleCores, 0.1 * previous[0])) {
                rate[2] = 1;
                return rate;
            }
            if (System.nanoTime() > end) {
                return rate;
            }
            previous = rate;
        }
    }

    /** {collections, ms} of this JVM's collectors so far. */
    private static long[] gc() {
        long n = 0;
        long t = 0;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, bean.getCollectionCount());
            t += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {n, t};
    }

    /** CPU time of every game server the orchestrator (this JVM) started: its child processes. */
    private static long childrenCpu() {
        return ProcessHandle.current().descendants().mapToLong(WarmAllocationPhase::cpu).sum();
    }

    private static long cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * One POST over a kept-alive connection, written and read by the calling thread ({@code HttpURLConnection}),
     * as a lobby's blocking REST client does. Not {@code java.net.http}: its answer travels from its selector thread
     * through an executor to the caller, two more thread wake-ups per call that, on two busy cores, measured the
     * client's scheduling as much as the orchestrator.
     */
    static double[] overHttp(TestOrchestrator orch, String room) {
        long t0 = System.nanoTime();
        String[] answer = orch.postBlocking("/api/sessions", createBody(room, 30, "alice", "bob"));
        double took = (System.nanoTime() - t0) / 1e6;
        if (!answer[0].equals("201") || !JSON.readTree(answer[1]).get("warm").asBoolean()) {
            throw new IllegalStateException("not a warm allocation: HTTP " + answer[0] + " " + answer[1]);
        }
        return new double[] {took, Double.NaN};
    }

    /** The orchestrator's own cost without HTTP; its CPU time shows what is left when the machine is not overloaded. */
    static double[] inProcess(TestOrchestrator orch, String room) {
        SessionService sessions = orch.bean(SessionService.class);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CreateSessionRequest request = new CreateSessionRequest(room,
                List.of(new PlayerRequest("p-alice", "alice"), new PlayerRequest("p-bob", "bob")), 30);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CreatedSession created = sessions.create(request);
        double took = (System.nanoTime() - t0) / 1e6;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        if (!created.warm()) {
            throw new IllegalStateException("not a warm allocation: " + created.id());
        }
        return new double[] {took, cpu};
    }

    private static long idleWarm(SessionRegistry registry) {
        return registry.all().stream()
                .filter(s -> s.warm() && s.roomId() == null && s.state() == SessionState.READY).count();
    }

    private static HttpServer standInLobby() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] a) {
        if (a.length == 0) {
            return Double.NaN;
        }
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }
}
