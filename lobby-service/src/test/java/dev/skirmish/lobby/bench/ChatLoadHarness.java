package dev.skirmish.lobby.bench;

import dev.skirmish.lobby.support.Http;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Load harness, not a test of speed (no assertions on numbers): the lobby runs in its own JVM ({@link LobbyProcess}),
 * N guests sign in over REST and sit in rooms of 10, N real STOMP clients connect and subscribe to their room's chat
 * and their error queue, then chat goes in at a fixed total rate, rotating senders so nobody exceeds 5 msg/s. Every
 * receiver measures send→delivery time (one clock: senders and receivers live in this JVM). The first
 * {@code bench.warmup} seconds are sent but not measured. Writes target/lobby-chat-bench.md.
 * Runs only with {@code -Dlobby.bench=true}; sizes: -Dbench.clients, -Dbench.rate (msgs/s in, all rooms),
 * -Dbench.seconds, -Dbench.warmup, -Dbench.serverHeap; -Dbench.deflate=false stops the clients offering
 * permessage-deflate (they offer it by default, as browsers do). Every phase has a time bound.
 */
@EnabledIfSystemProperty(named = "lobby.bench", matches = "true")
class ChatLoadHarness {
    private static final int ROOM_SIZE = 10;
    private static final java.util.concurrent.atomic.AtomicReference<String> SEND_FAILURE = new java.util.concurrent.atomic.AtomicReference<>();

    @Test
    void run() throws Exception {
        int clients = Integer.getInteger("bench.clients", 200) / ROOM_SIZE * ROOM_SIZE;
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmup = Integer.getInteger("bench.warmup", 3);
        String heap = System.getProperty("bench.serverHeap", "2g");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Files.createDirectories(Path.of("target"));
        try (var lobby = LobbyProcess.start(heap, Path.of("target", "lobby-bench-server.log"))) {
            var http = new Http(lobby.port);
            long rssIdle = lobby.rssKb();

            long seatStart = System.nanoTime();
            String[] tokens = new String[clients];
            String[] rooms = new String[clients / ROOM_SIZE];
            // 8 at a time: sign in everyone, then owners create the rooms, then the others join
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                inParallel(pool, clients, i -> tokens[i] = http.guest("bench" + i).get("token").asString());
                inParallel(pool, rooms.length, r -> rooms[r] = http.post("/api/rooms", tokens[r * ROOM_SIZE],
                        "{\"name\":\"bench " + r + "\",\"capacity\":" + ROOM_SIZE + "}").body().get("id").asString());
                inParallel(pool, clients, i -> {
                    if (i % ROOM_SIZE != 0 && http.post("/api/rooms/" + rooms[i / ROOM_SIZE] + "/join", tokens[i], null).status() != 200) {
                        throw new IllegalStateException("bench" + i + " could not join its room");
                    }
                });
            } finally {
                pool.shutdownNow();
            }
            double seatSeconds = (System.nanoTime() - seatStart) / 1e9;

            var scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(2);
            scheduler.initialize();
            var stomp = new WebSocketStompClient(new StandardWebSocketClient());
            stomp.setTaskScheduler(scheduler);
            // offer permessage-deflate as browsers and Node's ws do (the JSR-356 client can use it if the lobby accepts)
            boolean deflate = !"false".equals(System.getProperty("bench.deflate"));
            var handshake = new WebSocketHttpHeaders();
            if (deflate) handshake.setSecWebSocketExtensions(List.of(new org.springframework.web.socket.WebSocketExtension("permessage-deflate")));

            StompSession[] sessions = new StompSession[clients];
            long[] connectNanos = new long[clients];
            var pending = new ArrayList<CompletableFuture<StompSession>>();
            long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            int attempted = 0;
            for (int i = 0; i < clients && System.nanoTime() < connectDeadline; i++, attempted++) {
                var h = new StompHeaders();
                h.add("Authorization", "Bearer " + tokens[i]);
                long t0 = System.nanoTime();
                int idx = i;
                pending.add(stomp.connectAsync("ws://127.0.0.1:" + lobby.port + "/ws", handshake, h, new StompSessionHandlerAdapter() {
                }).whenComplete((s, e) -> connectNanos[idx] = System.nanoTime() - t0));
                if (pending.size() >= 100) drain(pending, sessions, i + 1 - pending.size());
            }
            drain(pending, sessions, attempted - pending.size());
            int[] connectedInRoom = new int[rooms.length];
            for (int i = 0; i < clients; i++) if (sessions[i] != null && sessions[i].isConnected()) connectedInRoom[i / ROOM_SIZE]++;
            int connected = Arrays.stream(connectedInRoom).sum();

            LongAdder received = new LongAdder();
            long[] latencies = new long[Math.max(1, rate * seconds * ROOM_SIZE * 2)];
            AtomicLong latencyCount = new AtomicLong();
            AtomicLong lastMeasuredDelivery = new AtomicLong();
            AtomicIntegerArray probed = new AtomicIntegerArray(clients);
            Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
            AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
            for (int i = 0; i < clients; i++) {
                if (sessions[i] == null) continue;
                int idx = i;
                sessions[i].subscribe("/user/queue/errors", frames(json -> {
                    int at = json.indexOf("\"code\":\"") + 8;
                    refusals.computeIfAbsent(json.substring(at, json.indexOf('"', at)), k -> new LongAdder()).increment();
                }));
                sessions[i].subscribe("/topic/rooms/" + rooms[i / ROOM_SIZE] + "/chat", frames(json -> {
                    int at = json.indexOf("\"text\":\"") + 8;
                    if (json.charAt(at) == 'p') {
                        probed.set(idx, 1);
                        return;
                    }
                    long sent = Long.parseLong(json.substring(at + 1, json.indexOf('"', at)));
                    long now = System.nanoTime();
                    received.increment();
                    if (sent >= measureStart.get()) {
                        long n = latencyCount.getAndIncrement();
                        if (n < latencies.length) latencies[(int) n] = now - sent;
                        lastMeasuredDelivery.accumulateAndGet(now, Math::max);
                    }
                }));
            }
            // SUBSCRIBE has no receipt with the simple broker: a room is ready once every connected member heard a probe.
            // A room is probed again only 15 s after its last probe, so probes never flood a slow lobby.
            long probeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            long[] lastProbe = new long[rooms.length];
            int probes = 0;
            int roomsReady = 0;
            while (System.nanoTime() < probeDeadline) {
                roomsReady = 0;
                for (int r = 0; r < rooms.length; r++) {
                    boolean roomReady = true;
                    for (int i = r * ROOM_SIZE; i < (r + 1) * ROOM_SIZE; i++) roomReady &= sessions[i] == null || probed.get(i) == 1;
                    if (roomReady) {
                        roomsReady++;
                        continue;
                    }
                    int sender = firstConnected(sessions, r);
                    if (sender >= 0 && System.nanoTime() - lastProbe[r] > TimeUnit.SECONDS.toNanos(15)) {
                        send(sessions[sender], rooms[r], "p" + probes);
                        lastProbe[r] = System.nanoTime();
                        probes++;
                    }
                }
                if (roomsReady == rooms.length) break;
                Thread.sleep(200);
            }
            // let the last probes drain, then count refusals of measured messages only
            Thread.sleep(2000);
            refusals.clear();
            // settle the measuring side: the harness collects its own heap (10,000 sessions' set-up garbage) now rather
            // than in the measured window, where its pause would count as delivery latency. The lobby is left alone.
            System.gc();
            long rssConnected = lobby.rssKb();

            // chat at a fixed total rate; each sender stays under 5/s by rotating over all connected clients
            int[] senders = java.util.stream.IntStream.range(0, clients).filter(i -> sessions[i] != null && sessions[i].isConnected()).toArray();
            long expected = 0;
            long sentCount = 0;
            long sendFailures = 0;
            long interval = 1_000_000_000L / rate;
            double lobbyCpu0 = lobby.cpuSeconds();
            double lobbySys0 = lobby.systemCpuSeconds();
            double harnessCpu0 = harnessCpuSeconds();
            var ownPauses = new OwnGcPauses();
            ownPauses.start();
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            measureStart.set(start + TimeUnit.SECONDS.toNanos(warmup));
            long end = measureStart.get() + TimeUnit.SECONDS.toNanos(seconds);
            int k = 0;
            for (long next = start; next < end && senders.length > 0; next += interval) {
                for (long wait; (wait = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait); // no busy wait on 2 cores
                int s = senders[k++ % senders.length];
                if (!send(sessions[s], rooms[s / ROOM_SIZE], "t" + System.nanoTime())) {
                    sendFailures++;
                    continue;
                }
                sentCount++;
                expected += connectedInRoom[s / ROOM_SIZE];
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            double lobbyCpu = lobby.cpuSeconds() - lobbyCpu0;
            double lobbySys = lobby.systemCpuSeconds() - lobbySys0;
            double harnessCpu = harnessCpuSeconds() - harnessCpu0;
            ownPauses.stop();
            ownPauses.close();
            var lobbyPauses = lobby.pausesBetween(startMillis, System.currentTimeMillis());
            long refusedCount = refusals.values().stream().mapToLong(LongAdder::sum).sum();
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < drainDeadline) {
                refusedCount = refusals.values().stream().mapToLong(LongAdder::sum).sum();
                if (received.sum() >= expected - refusedCount * ROOM_SIZE) break;
                LockSupport.parkNanos(10_000_000L);
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // late refusals and duplicates, if any
            refusedCount = refusals.values().stream().mapToLong(LongAdder::sum).sum();
            long stored = 0;
            for (int r = 0; r < rooms.length; r++) {
                stored += http.get("/api/rooms/" + rooms[r] + "/chat?size=1", tokens[r * ROOM_SIZE]).body().get("totalItems").asLong();
            }
            double measuredSeconds = Math.max(1e-9, (lastMeasuredDelivery.get() - measureStart.get()) / 1e9);

            long[] lat = Arrays.copyOf(latencies, (int) Math.min(latencyCount.get(), latencies.length));
            Arrays.sort(lat);
            long[] conn = Arrays.stream(connectNanos).filter(v -> v > 0).sorted().toArray();
            long acceptedExpected = expected - refusedCount * ROOM_SIZE; // a refusal is a message nobody should get
            String report = """
                    # lobby chat load (%s)

                    %d clients requested (rooms of %d), %d msgs/s offered for %d s (+%d s warm-up, not measured).
                    Lobby in its own JVM (-Xmx%s), clients in the harness JVM (%s), loopback, %d cores; load average before: %s, after: %s.
                    Clients offer permessage-deflate: %s.

                    | metric | value |
                    |---|---|
                    | connected clients | %d |
                    | sign-in + seating over REST | %.1f s |
                    | connect p50 / p99 | %.1f ms / %.1f ms |
                    | chat messages sent (incl. warm-up) / not sent (client-side write failed) | %d / %d %s |
                    | refused (by code) | %d %s |
                    | deliveries expected (accepted × members) / received | %d / %d |
                    | lost (accepted, not delivered) | %d |
                    | rooms whose members all heard a probe before sending | %d / %d |
                    | stored in history (incl. %d probes) | %d |
                    | delivery p50 / p99 / max (measured window) | %.1f ms / %.1f ms / %.1f ms |
                    | deliveries/s (measured window) | %.0f |
                    | lobby RSS idle / with connections | %d MiB / %d MiB |
                    | lobby RSS per connection | %.1f KiB |
                    | CPU used while sending (%.0f s): lobby (of it in the kernel) / harness clients | %.1f s (%.1f s) / %.1f s |
                    | stop-the-world pauses while sending: lobby (%s) | %s |
                    | stop-the-world pauses while sending: harness clients (%s) | %s |
                    """.formatted(java.time.Instant.now(), clients, ROOM_SIZE, rate, seconds, warmup, heap,
                    String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(arg -> arg.startsWith("-XX:") || arg.startsWith("-Xm")).toList()),
                    Runtime.getRuntime().availableProcessors(), loadBefore, Files.readString(Path.of("/proc/loadavg")).trim(), deflate ? "yes" : "no (-Dbench.deflate=false)",
                    connected, seatSeconds, pct(conn, 50), pct(conn, 99), sentCount, sendFailures,
                    SEND_FAILURE.get() == null ? "" : "(" + SEND_FAILURE.get().replace('|', '/') + ")", refusedCount, refusals, acceptedExpected, received.sum(),
                    Math.max(0, acceptedExpected - received.sum()), roomsReady, rooms.length, probes, stored, pct(lat, 50), pct(lat, 99),
                    lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, lat.length / measuredSeconds, rssIdle / 1024, rssConnected / 1024,
                    connected == 0 ? 0 : (rssConnected - rssIdle) / (double) connected, sendSeconds, lobbyCpu, lobbySys, harnessCpu,
                    lobby.gc, lobbyPauses, ownPauses.collector(), ownPauses);
            Files.writeString(Path.of("target", "lobby-chat-bench.md"), report);
            System.out.println(report);
            for (StompSession s : sessions) if (s != null && s.isConnected()) s.disconnect();
            stomp.stop();
            scheduler.shutdown();
        }
    }

    private static void inParallel(java.util.concurrent.ExecutorService pool, int n, java.util.function.IntConsumer task) throws Exception {
        var futures = new ArrayList<java.util.concurrent.Future<?>>(n);
        for (int i = 0; i < n; i++) {
            int idx = i;
            futures.add(pool.submit(() -> task.accept(idx)));
        }
        for (var f : futures) f.get(600, TimeUnit.SECONDS);
    }

    private static double harnessCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private static StompFrameHandler frames(java.util.function.Consumer<String> onJson) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                onJson.accept(new String((byte[]) payload, StandardCharsets.UTF_8));
            }
        };
    }

    /** False when this client could not write the frame (it never reached the lobby, so nobody should get it). */
    private static boolean send(StompSession s, String roomId, String text) {
        var h = new StompHeaders();
        h.setDestination("/app/rooms/" + roomId + "/chat");
        h.set("content-type", "application/json");
        try {
            s.send(h, ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            if (SEND_FAILURE.compareAndSet(null, e.toString())) System.err.println("first client-side send failure: " + e);
            return false;
        }
    }

    private static int firstConnected(StompSession[] sessions, int room) {
        for (int i = room * ROOM_SIZE; i < (room + 1) * ROOM_SIZE; i++) if (sessions[i] != null && sessions[i].isConnected()) return i;
        return -1;
    }

    private static void drain(List<CompletableFuture<StompSession>> pending, StompSession[] sessions, int from) {
        for (int k = 0; k < pending.size(); k++) {
            try {
                sessions[from + k] = pending.get(k).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                sessions[from + k] = null;
            }
        }
        pending.clear();
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
