package dev.skirmish.lobby.bench;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Load harness, not a test of speed: N STOMP clients join rooms of 10 and chat at a total rate; it writes
 * target/lobby-chat-bench.md. Runs only with {@code -Dlobby.bench=true}; sizes via -Dbench.clients,
 * -Dbench.rate (messages/s in, all rooms), -Dbench.seconds. The lobby runs in this JVM, so RSS per
 * connection includes the client side too (an upper bound for the server).
 */
@EnabledIfSystemProperty(named = "lobby.bench", matches = "true")
class ChatLoadHarness {
    private static final int ROOM_SIZE = 10;

    @Test
    void run() throws Exception {
        int clients = Integer.getInteger("bench.clients", 200) / ROOM_SIZE * ROOM_SIZE;
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path db = Files.createTempDirectory("lobby-bench");
        try (var ctx = new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run(
                "--spring.datasource.url=jdbc:h2:file:" + db.resolve("lobby"), "--server.port=0", "--server.address=127.0.0.1",
                "--skirmish.lobby.orchestrator-url=" + FakeOrchestrator.shared().url(), "--logging.level.dev.skirmish=WARN",
                "--server.tomcat.max-connections=20000")) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            var http = new Http(port);
            long rssBefore = rssKb();

            String[] tokens = new String[clients];
            String[] ids = new String[clients];
            String[] rooms = new String[clients / ROOM_SIZE];
            for (int i = 0; i < clients; i++) {
                var g = http.guest("bench" + i);
                tokens[i] = g.get("token").asString();
                ids[i] = g.get("id").asString();
                int r = i / ROOM_SIZE;
                if (i % ROOM_SIZE == 0) {
                    rooms[r] = http.post("/api/rooms", tokens[i], "{\"name\":\"bench " + r + "\",\"capacity\":8}").body().get("id").asString();
                }
            }
            // rooms of 10 exceed the 2-8 capacity rule, so the harness seats members straight through the repository
            var roomRepo = ctx.getBean(dev.skirmish.lobby.rooms.RoomRepository.class);
            var tx = ctx.getBean(org.springframework.transaction.support.TransactionTemplate.class);
            var roomService = ctx.getBean(dev.skirmish.lobby.rooms.RoomService.class);
            for (int r = 0; r < rooms.length; r++) {
                int rr = r;
                tx.executeWithoutResult(s -> {
                    var room = roomRepo.findById(rooms[rr]).orElseThrow();
                    for (int i = rr * ROOM_SIZE + 1; i < (rr + 1) * ROOM_SIZE; i++) {
                        room.getSeats().add(new dev.skirmish.lobby.rooms.Seat(ids[i], "bench" + i, java.time.Instant.now()));
                    }
                });
            }
            var recover = dev.skirmish.lobby.rooms.RoomService.class.getDeclaredMethod("recover");
            recover.setAccessible(true);
            recover.invoke(roomService); // rebuild the seat index from the database, as after a restart

            var scheduler = new ThreadPoolTaskScheduler();
            scheduler.setPoolSize(2);
            scheduler.initialize();
            var stomp = new WebSocketStompClient(new StandardWebSocketClient());
            stomp.setTaskScheduler(scheduler);
            stomp.setInboundMessageSizeLimit(64 * 1024);

            LongAdder received = new LongAdder();
            long[] latencies = new long[Math.max(1, rate * seconds * ROOM_SIZE * 2)];
            AtomicLong latencyCount = new AtomicLong();
            StompSession[] sessions = new StompSession[clients];
            long[] connectNanos = new long[clients];
            var pending = new ArrayList<CompletableFuture<StompSession>>();
            for (int i = 0; i < clients; i++) {
                var h = new StompHeaders();
                h.add("Authorization", "Bearer " + tokens[i]);
                long t0 = System.nanoTime();
                int idx = i;
                pending.add(stomp.connectAsync("ws://127.0.0.1:" + port + "/ws", new WebSocketHttpHeaders(), h, new StompSessionHandlerAdapter() {
                }).whenComplete((s, e) -> connectNanos[idx] = System.nanoTime() - t0));
                if (pending.size() >= 50) drain(pending, sessions, i + 1 - pending.size());
            }
            drain(pending, sessions, clients - pending.size());
            int connected = (int) Arrays.stream(sessions).filter(s -> s != null && s.isConnected()).count();

            for (int i = 0; i < clients; i++) {
                if (sessions[i] == null) continue;
                sessions[i].subscribe("/topic/rooms/" + rooms[i / ROOM_SIZE] + "/chat", new StompFrameHandler() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return byte[].class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        String json = new String((byte[]) payload, StandardCharsets.UTF_8);
                        int at = json.indexOf("\"text\":\"t");
                        long sent = Long.parseLong(json.substring(at + 9, json.indexOf('"', at + 9)));
                        long n = latencyCount.getAndIncrement();
                        if (n < latencies.length) latencies[(int) n] = System.nanoTime() - sent;
                        received.increment();
                    }
                });
            }
            var users = ctx.getBean(SimpUserRegistry.class);
            long subDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (users.findSubscriptions(s -> s.getDestination().endsWith("/chat")).size() < connected && System.nanoTime() < subDeadline) {
                LockSupport.parkNanos(10_000_000L);
            }
            long rssConnected = rssKb();

            // each sender stays under the per-player limit of 5/s by rotating over all clients
            long sentCount = 0;
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            int sender = 0;
            for (long next = start; next < end; next += interval) {
                for (long wait; (wait = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait); // no busy wait on 2 cores
                while (sessions[sender % clients] == null) sender++;
                var h = new StompHeaders();
                h.setDestination("/app/rooms/" + rooms[(sender % clients) / ROOM_SIZE] + "/chat");
                h.set("content-type", "application/json");
                sessions[sender % clients].send(h, ("{\"text\":\"t" + System.nanoTime() + "\"}").getBytes(StandardCharsets.UTF_8));
                sentCount++;
                sender++;
            }
            long expected = sentCount * ROOM_SIZE;
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.sum() < expected && System.nanoTime() < drainDeadline) LockSupport.parkNanos(5_000_000L);
            double elapsed = (System.nanoTime() - start) / 1e9;

            long[] lat = Arrays.copyOf(latencies, (int) Math.min(latencyCount.get(), latencies.length));
            Arrays.sort(lat);
            long[] conn = Arrays.stream(connectNanos).filter(v -> v > 0).sorted().toArray();
            String report = """
                    # lobby chat load (%s)

                    clients %d (rooms of %d), offered %d msgs/s for %d s, machine: %d cores

                    | metric | value |
                    |---|---|
                    | connected clients | %d |
                    | connect p50 / p99 | %.1f ms / %.1f ms |
                    | chat messages sent | %d |
                    | deliveries expected / received | %d / %d |
                    | lost | %d |
                    | delivery p50 / p99 / max | %.1f ms / %.1f ms / %.1f ms |
                    | deliveries/s | %.0f |
                    | RSS per connection (server + client in one JVM) | %.1f KiB |
                    """.formatted(java.time.Instant.now(), clients, ROOM_SIZE, rate, seconds, Runtime.getRuntime().availableProcessors(),
                    connected, pct(conn, 50), pct(conn, 99), sentCount, expected, received.sum(), Math.max(0, expected - received.sum()),
                    pct(lat, 50), pct(lat, 99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6, received.sum() / elapsed,
                    connected == 0 ? 0 : (rssConnected - rssBefore) / (double) connected);
            Files.writeString(Path.of("target", "lobby-chat-bench.md"), report);
            System.out.println(report);
            for (StompSession s : sessions) if (s != null && s.isConnected()) s.disconnect();
            stomp.stop();
            scheduler.shutdown();
        }
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

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return 0;
    }
}
