package dev.skirmish.lobby.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.StompTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, rate limits across nodes. Attack: a player (or an address) spreads its chat lines, join attempts, room
 * creations and guest sign-ups over two lobby nodes behind the balancer to get each limit once per node, twice in
 * all. In profile cluster the buckets live in PostgreSQL (SharedBuckets), so the two nodes together grant each limit
 * exactly once; with this node's own in-memory buckets every test here sees twice the limit and fails. Two real lobby
 * JVMs on one PostgreSQL schema of their own and RabbitMQ, as in LobbyClusterIT; skipped without them.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the cluster rate-limit test")
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_RABBITMQ_STOMP", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_RABBITMQ_STOMP=host:port (RabbitMQ with rabbitmq_stomp) to run the cluster rate-limit test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRateLimitIT {
    private static final String SECRET = "cluster-rate-it-token-secret-0123456789";
    /** Every limit under test: a player gets this many per period across the cluster, not per node. */
    private static final int LIMIT = 3;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private FakeOrchestrator orchestrator;
    private ClusterNode one;
    private ClusterNode two;
    private Http http1;
    private Http http2;
    private String jdbcUrl;
    private String schema;

    @BeforeAll
    void startNodes() throws Exception {
        orchestrator = FakeOrchestrator.isolated();
        schema = "rate_it_" + UUID.randomUUID().toString().substring(0, 8);
        jdbcUrl = ClusterNode.jdbcUrl(schema);
        Map<String, String> env = ClusterNode.environment(schema, SECRET, FakeOrchestrator.SERVICE_KEY);
        String[] args = {"--spring.flyway.schemas=" + schema, "--skirmish.lobby.orchestrator-url=" + orchestrator.url(),
                "--skirmish.lobby.limits.guest-sign-ups-per-address=" + LIMIT, "--skirmish.lobby.limits.join-attempts-per-player=" + LIMIT,
                "--skirmish.lobby.limits.join-period=10m", "--skirmish.lobby.limits.rooms-per-player=" + LIMIT,
                // a chat line refills every 100 s: none comes back while the test runs
                "--skirmish.lobby.chat-burst=" + LIMIT, "--skirmish.lobby.chat-rate-per-second=0.01",
                "--skirmish.lobby.limits.shared-bucket-clean-interval=1s"};
        Path logs = Files.createDirectories(Path.of("target", "cluster-rate-it"));
        // one after the other: the first applies the migrations
        one = ClusterNode.start("one", logs.resolve("node-one.log"), env, args);
        two = ClusterNode.start("two", logs.resolve("node-two.log"), env, args);
        // the players come from their own addresses, so the sign-up test below has 127.0.0.1's bucket to itself
        http1 = new Http(one.port, "127.0.0.21");
        http2 = new Http(two.port, "127.0.0.22");
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
        if (one != null) one.close();
        if (two != null) two.close();
        if (orchestrator != null) orchestrator.close();
        if (schema != null) {
            try (Connection db = DriverManager.getConnection(System.getenv("SKIRMISH_TEST_POSTGRES_URL"), ClusterNode.dbUser(), ClusterNode.dbPassword());
                 var drop = db.createStatement()) {
                drop.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }



    private JsonNode player(Http http) {
        return http.guest("rl" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Sends {@code 2 * LIMIT} requests, alternating between the nodes; returns the codes of the refused ones. */
    private static List<String> alternate(IntFunction<Http.Reply> attempt) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT; i++) {
            Http.Reply r = attempt.apply(i);
            if (r.status() == 429) refused.add(r.body().get("code").asString());
        }
        return refused;
    }

    private Http node(int i) {
        return i % 2 == 0 ? http1 : http2;
    }

    @Test
    void roomCreationSpreadOverTwoNodesGetsTheLimitOnce() {
        String token = player(http1).get("token").asString();
        List<String> refused = alternate(i -> node(i).post("/api/rooms", token, "{\"name\":\"spread " + i + "\",\"capacity\":2}"));
        assertThat(refused).as("room creations refused out of %d spread over two nodes", 2 * LIMIT)
                .containsExactly("ROOM_RATE_LIMITED", "ROOM_RATE_LIMITED", "ROOM_RATE_LIMITED");
    }

    @Test
    void joinCodeGuessingSpreadOverTwoNodesGetsTheLimitOnce() {
        String token = player(http2).get("token").asString();
        List<String> refused = alternate(i -> node(i).post("/api/rooms/join-by-code", token, "{\"code\":\"ZZZZ" + (2222 + i) + "\"}"));
        assertThat(refused).as("join attempts refused out of %d spread over two nodes", 2 * LIMIT)
                .containsExactly("JOIN_RATE_LIMITED", "JOIN_RATE_LIMITED", "JOIN_RATE_LIMITED");
    }

    @Test
    void guestSignUpsFromOneAddressSpreadOverTwoNodesGetTheLimitOnce() {
        Http[] fromOneAddress = {new Http(one.port, "127.0.0.77"), new Http(two.port, "127.0.0.77")};
        List<String> refused = alternate(i -> fromOneAddress[i % 2].post("/api/players/guest", null,
                "{\"name\":\"su" + UUID.randomUUID().toString().substring(0, 8) + "\"}"));
        assertThat(refused).as("sign-ups from one address refused out of %d spread over two nodes", 2 * LIMIT)
                .containsExactly("SIGN_UP_RATE_LIMITED", "SIGN_UP_RATE_LIMITED", "SIGN_UP_RATE_LIMITED");
    }

    @Test
    void lobbyChatSpreadOverTwoNodesGetsTheRateOnce() throws Exception {
        JsonNode chatter = player(http1);
        String token = chatter.get("token").asString();
        var onOne = StompTestClient.connect(one.port, token);
        closing.add(onOne);
        var onTwo = StompTestClient.connect(two.port, token);
        closing.add(onTwo);
        BlockingQueue<JsonNode> lobby = onOne.subscribe("/topic/lobby/chat");
        // subscriptions travel through RabbitMQ: give them a moment before the first line
        Thread.sleep(500);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 2 * LIMIT; i++) (i % 2 == 0 ? onOne : onTwo).chat("/app/lobby/chat", tag + " line " + i);

        List<JsonNode> delivered = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (JsonNode m; (m = lobby.poll()) != null; ) if (m.path("text").asString().startsWith(tag)) delivered.add(m);
            for (var q : List.of(onOne.userErrors, onTwo.userErrors)) {
                for (JsonNode e; (e = q.poll()) != null; ) refused.add(e.path("code").asString());
            }
            return delivered.size() + refused.size() >= 2 * LIMIT;
        });
        // a moment more: with per-node buckets the lines over the limit would still be arriving
        Thread.sleep(1000);
        for (JsonNode m; (m = lobby.poll()) != null; ) if (m.path("text").asString().startsWith(tag)) delivered.add(m);
        assertThat(delivered).as("lobby chat lines delivered out of %d spread over two nodes", 2 * LIMIT).hasSize(LIMIT);
        assertThat(refused).containsExactly("CHAT_RATE_LIMITED", "CHAT_RATE_LIMITED", "CHAT_RATE_LIMITED");
    }

    /** The shared table is bounded: rows of buckets that are full again are deleted; live ones stay. */
    @Test
    void bucketsThatAreFullAgainAreDeleted() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, ClusterNode.dbUser(), ClusterNode.dbPassword())) {
            long past = System.currentTimeMillis() - 60_000;
            long future = System.currentTimeMillis() + 600_000;
            try (var insert = db.prepareStatement("insert into rate_limit_buckets (id, state, expires_at) values (?, null, ?)")) {
                for (int i = 0; i < 2500; i++) {
                    insert.setString(1, "TEST_EXPIRED:" + i);
                    insert.setLong(2, past);
                    insert.addBatch();
                }
                insert.setString(1, "TEST_LIVE:1");
                insert.setLong(2, future);
                insert.addBatch();
                insert.executeBatch();
            }
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300))
                    .until(() -> count(db, "TEST_EXPIRED:%") == 0);
            assertThat(count(db, "TEST_LIVE:%")).isEqualTo(1);
        }
    }

    private static long count(Connection db, String like) throws Exception {
        try (var q = db.prepareStatement("select count(*) from rate_limit_buckets where id like ?")) {
            q.setString(1, like);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
