package dev.skirmish.lobby.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.StompTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, the live-match path of the lobby cluster: two lobby nodes (profile cluster, real JVMs) on PostgreSQL and
 * RabbitMQ, the real orchestrator launching real game servers, HAProxy in front of the nodes (the orchestrator sends its
 * events there). Players sit on different nodes. Skipped without PostgreSQL and RabbitMQ (as {@link LobbyClusterIT}),
 * or without haproxy or the packaged orchestrator and game-server jars. Nobody plays over UDP: a match ends when its
 * game server sees no player within its 30 s, which is the shortest the settings allow and a real result all the same.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the lobby cluster match test")
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_RABBITMQ_STOMP", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_RABBITMQ_STOMP=host:port (RabbitMQ with rabbitmq_stomp) to run the lobby cluster match test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LobbyClusterMatchIT {
    private static final String SECRET = "cluster-match-it-token-secret-0123456789";
    private static final Duration MATCH = Duration.ofSeconds(120);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String serviceKey = "cluster-match-it-" + UUID.randomUUID();
    private Process orchestrator;
    private Process balancer;
    private ClusterNode one;
    private ClusterNode two;
    private Http http1;
    private Http http2;
    private Http viaBalancer;
    private int balancerPort;
    private int seq;

    @BeforeAll
    void startStack() throws Exception {
        String missing = MatchStack.missing();
        Assumptions.assumeTrue(missing == null, missing);
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-it")), "match-");
        String schema = "cluster_match_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = ClusterNode.environment(schema, SECRET, serviceKey);

        balancerPort = MatchStack.freePort();
        int orchestratorPort = MatchStack.freePort();
        orchestrator = MatchStack.orchestrator(dir, orchestratorPort, "http://127.0.0.1:" + balancerPort + "/internal/sessions/events", serviceKey);
        String[] args = {"--spring.flyway.schemas=" + schema, "--skirmish.lobby.orchestrator-url=http://127.0.0.1:" + orchestratorPort,
                "--skirmish.lobby.orchestrator-timeout=70s", "--skirmish.lobby.countdown=1s", "--skirmish.lobby.min-match-seconds=10",
                "--skirmish.lobby.reconnect-window=3s", "--skirmish.cluster.presence-lease=6s", "--skirmish.cluster.sweep-interval=1s",
                "--skirmish.lobby.limits.guest-sign-ups-per-address=100000"};
        one = ClusterNode.start("one", dir.resolve("node-one.log"), env, args);
        two = ClusterNode.start("two", dir.resolve("node-two.log"), env, args);
        balancer = MatchStack.balancer(dir, balancerPort, new LinkedHashMap<>(Map.of("one", one.port, "two", two.port)));
        http1 = new Http(one.port);
        http2 = new Http(two.port);
        viaBalancer = new Http(balancerPort);
    }

    @AfterAll
    void stopStack() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        MatchStack.stop(balancer);
        if (one != null) one.close();
        if (two != null) two.close();
        MatchStack.stop(orchestrator);
    }

    /** Players on different nodes: each gets its own token on its node, any node gives it again, the result is stored once. */
    @Test
    @Order(1)
    void aMatchAcrossTwoNodesHandsEachPlayerItsTokenOnItsNodeAndStoresTheResultOnce() throws Exception {
        JsonNode alice = guest(http1);
        JsonNode bob = guest(http2);
        var a = stomp(one.port, alice);
        var b = stomp(two.port, bob);
        BlockingQueue<JsonNode> aliceMatch = a.subscribe("/user/queue/match");
        BlockingQueue<JsonNode> bobMatch = b.subscribe("/user/queue/match");
        String room = createRoom(http1, alice, 2);
        assertThat(http2.post("/api/rooms/" + room + "/join", token(bob), "{}").status()).isEqualTo(200);
        BlockingQueue<JsonNode> aliceRoom = a.subscribe("/topic/rooms/" + room);
        BlockingQueue<JsonNode> bobRoom = b.subscribe("/topic/rooms/" + room);
        settle();
        readyAll(room, Map.of(alice, http1, bob, http2));
        // node two launches; alice's token travels to node one through RabbitMQ
        assertThat(http2.post("/api/rooms/" + room + "/start", token(bob), "{}").status()).as("bob is not the owner").isEqualTo(403);
        assertThat(http1.post("/api/rooms/" + room + "/start", token(alice), "{}").status()).isEqualTo(200);

        JsonNode aliceTicket = poll(aliceMatch, n -> true, MATCH);
        JsonNode bobTicket = poll(bobMatch, n -> true, MATCH);
        assertThat(aliceTicket.get("playerId").asString()).isEqualTo(id(alice));
        assertThat(bobTicket.get("playerId").asString()).isEqualTo(id(bob));
        assertThat(aliceTicket.get("token").asString()).isNotEqualTo(bobTicket.get("token").asString());
        assertThat(aliceTicket.get("port").asInt()).isPositive().isEqualTo(bobTicket.get("port").asInt());
        // either node answers GET /api/matches/current from PostgreSQL, the other one's memory never held it
        for (Http node : List.of(http1, http2)) {
            assertThat(node.get("/api/matches/current", token(alice)).body()).isEqualTo(aliceTicket);
            assertThat(node.get("/api/matches/current", token(bob)).body()).isEqualTo(bobTicket);
        }

        List<JsonNode> aliceSaw = until(aliceRoom, "ENDED", MATCH);
        List<JsonNode> bobSaw = until(bobRoom, "ENDED", MATCH);
        Thread.sleep(2000); // a second end would follow within the orchestrator's retry
        assertThat(count(aliceSaw, aliceRoom, "ENDED")).as("ENDED events alice saw").isEqualTo(1);
        assertThat(count(bobSaw, bobRoom, "ENDED")).as("ENDED events bob saw").isEqualTo(1);
        for (Http node : List.of(http1, http2)) {
            JsonNode history = node.get("/api/matches?player=" + id(bob), token(bob)).body();
            assertThat(history.get("totalItems").asLong()).as("match rows of bob").isEqualTo(1);
            assertThat(history.get("items").get(0).get("state").asString()).isEqualTo("ENDED");
            assertThat(node.get("/api/matches/current", token(alice)).status()).isEqualTo(404);
        }
    }

    /**
     * {@code kill -9} of the node that launched a running match: its players come back through the balancer to the
     * other node, keep their seats and get their match again; one who never comes back loses the seat once, after
     * the reconnect window (kept in PostgreSQL, not on the dead node's timer); the result arrives and is stored once.
     */
    @Test
    @Order(2)
    void aNodeKilledDuringAMatchLosesNothing() throws Exception {
        JsonNode alice = guest(http1);
        JsonNode carol = guest(http1);
        JsonNode bob = guest(http2);
        var a = stomp(one.port, alice);
        stomp(one.port, carol);
        var b = stomp(two.port, bob);
        BlockingQueue<JsonNode> aliceMatch = a.subscribe("/user/queue/match");
        String room = createRoom(http1, alice, 3);
        for (JsonNode p : List.of(bob, carol)) assertThat(http2.post("/api/rooms/" + room + "/join", token(p), "{}").status()).isEqualTo(200);
        BlockingQueue<JsonNode> bobRoom = b.subscribe("/topic/rooms/" + room);
        settle();
        readyAll(room, Map.of(alice, http1, bob, http2, carol, http1));
        assertThat(http1.post("/api/rooms/" + room + "/start", token(alice), "{}").status()).isEqualTo(200);
        JsonNode aliceTicket = poll(aliceMatch, n -> true, MATCH);
        List<JsonNode> bobSaw = new ArrayList<>(until(bobRoom, "STARTED", MATCH));

        one.kill();

        // alice's client reconnects through the balancer (node two now) and gets her running match again
        var again = stomp(balancerPort, alice);
        BlockingQueue<JsonNode> aliceRoom = again.subscribe("/topic/rooms/" + room);
        BlockingQueue<JsonNode> resent = again.subscribe("/user/queue/match");
        assertThat(poll(resent, n -> true, Duration.ofSeconds(15))).as("the re-send on the new node").isEqualTo(aliceTicket);
        assertThat(viaBalancer.get("/api/matches/current", token(alice)).body()).isEqualTo(aliceTicket);
        JsonNode seen = viaBalancer.get("/api/rooms/" + room, token(alice)).body();
        assertThat(seen.get("state").asString()).isEqualTo("IN_GAME");
        assertThat(seen.get("players").toString()).contains(id(alice), id(bob), id(carol));

        // carol never comes back: node one's presence lease (6 s) lapses, then her 3 s window, then the sweep frees her seat
        bobSaw.addAll(until(bobRoom, "LEFT", Duration.ofSeconds(40)));
        JsonNode roomNow = viaBalancer.get("/api/rooms/" + room, token(bob)).body();
        assertThat(roomNow.get("players").toString()).doesNotContain(id(carol)).contains(id(alice), id(bob));

        List<JsonNode> aliceSaw = until(aliceRoom, "ENDED", MATCH);
        if (bobSaw.stream().noneMatch(e -> "ENDED".equals(e.path("type").asString()))) bobSaw.addAll(until(bobRoom, "ENDED", MATCH));
        Thread.sleep(2000);
        bobRoom.drainTo(bobSaw);
        assertThat(bobSaw.stream().filter(e -> "LEFT".equals(e.path("type").asString()) && e.toString().contains(id(carol))).count())
                .as("carol leaves once").isEqualTo(1);
        assertThat(count(aliceSaw, aliceRoom, "ENDED")).as("ENDED events alice saw on node two").isEqualTo(1);
        assertThat(count(bobSaw, bobRoom, "ENDED")).as("ENDED events bob saw").isEqualTo(1);
        JsonNode history = viaBalancer.get("/api/matches?player=" + id(alice), token(alice)).body();
        assertThat(history.get("totalItems").asLong()).as("match rows of alice").isEqualTo(1);
        assertThat(history.get("items").get(0).get("state").asString()).isEqualTo("ENDED");
    }

    private JsonNode guest(Http http) {
        return http.guest("cm" + (++seq) + "x" + UUID.randomUUID().toString().substring(0, 4));
    }

    private StompTestClient stomp(int port, JsonNode player) {
        var c = StompTestClient.connect(port, token(player));
        closing.add(c);
        return c;
    }

    private static String token(JsonNode p) {
        return p.get("token").asString();
    }

    private static String id(JsonNode p) {
        return p.get("id").asString();
    }

    private static String createRoom(Http http, JsonNode owner, int capacity) {
        var r = http.post("/api/rooms", token(owner), "{\"name\":\"match room\",\"capacity\":" + capacity + ",\"matchSeconds\":10}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asString();
    }

    private static void readyAll(String room, Map<JsonNode, Http> players) {
        players.forEach((p, http) -> assertThat(http.post("/api/rooms/" + room + "/ready", token(p), "{\"ready\":true}").status()).isEqualTo(200));
    }

    /** Subscriptions travel through RabbitMQ: a message published right after SUBSCRIBE may beat it. */
    private static void settle() throws InterruptedException {
        Thread.sleep(500);
    }

    private static JsonNode poll(BlockingQueue<JsonNode> q, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode n = q.poll(100, TimeUnit.MILLISECONDS);
            if (n != null && match.test(n)) return n;
        }
        throw new AssertionError("nothing arrived within " + timeout);
    }

    /** Every event up to and including the first of {@code type}. */
    private static List<JsonNode> until(BlockingQueue<JsonNode> q, String type, Duration timeout) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode n = q.poll(100, TimeUnit.MILLISECONDS);
            if (n == null) continue;
            seen.add(n);
            if (type.equals(n.path("type").asString())) return seen;
        }
        throw new AssertionError("no " + type + " within " + timeout + "; saw " + seen);
    }

    /** Events of {@code type} among those already taken plus whatever is still queued. */
    private static long count(List<JsonNode> taken, BlockingQueue<JsonNode> q, String type) {
        List<JsonNode> rest = new ArrayList<>();
        q.drainTo(rest);
        return java.util.stream.Stream.concat(taken.stream(), rest.stream()).filter(n -> type.equals(n.path("type").asString())).count();
    }
}
