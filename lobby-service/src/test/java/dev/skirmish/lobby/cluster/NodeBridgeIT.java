package dev.skirmish.lobby.cluster;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import dev.skirmish.lobby.support.StompTestClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fan-out {@code node} ({@code skirmish.cluster.fanout=node}, NodeBridge): each node has one connection to RabbitMQ,
 * and node two's goes through a loopback proxy this test can cut. Failure it stops: a node whose broker connection
 * dropped (RabbitMQ restarted, a network blip) stays cut off for good, its players never again seeing what players
 * on other nodes say or do, while its own clients stay connected and notice nothing. The bridge connects again and
 * subscribes again on the new connection.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "needs PostgreSQL (SKIRMISH_TEST_POSTGRES_URL): profile cluster implies postgres")
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_RABBITMQ_STOMP", matches = ".+",
        disabledReason = "needs RabbitMQ with rabbitmq_stomp (SKIRMISH_TEST_RABBITMQ_STOMP=host:port)")
class NodeBridgeIT {
    private static final String SECRET = "node-bridge-it-token-secret-0123456789abcdef";

    @Test
    void aNodeWhoseBrokerConnectionDroppedConnectsAndSubscribesAgain() throws Exception {
        String schema = "node_bridge_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = ClusterNode.environment(schema, SECRET, FakeOrchestrator.SERVICE_KEY);
        String[] relay = ClusterNode.relay();
        Path logs = Files.createDirectories(Path.of("target", "node-bridge-it"));
        try (var orchestrator = FakeOrchestrator.isolated();
             var proxy = new CuttableProxy(InetAddress.getByName(relay[0]), Integer.parseInt(relay[1]))) {
            String[] args = {"--spring.flyway.schemas=" + schema, "--skirmish.lobby.orchestrator-url=" + orchestrator.url(),
                    "--skirmish.cluster.fanout=node", "--skirmish.cluster.bridge-retry=500ms",
                    "--skirmish.lobby.chat-rate-per-second=100", "--skirmish.lobby.chat-burst=100"};
            try (var one = ClusterNode.start("one", logs.resolve("node-one.log"), env, args)) {
                Map<String, String> viaProxy = new HashMap<>(env);
                viaProxy.put("SKIRMISH_RELAY_PORT", Integer.toString(proxy.port()));
                try (var two = ClusterNode.start("two", logs.resolve("node-two.log"), viaProxy, args)) {
                    JsonNode alice = new Http(one.port).guest("alice" + UUID.randomUUID().toString().substring(0, 4));
                    JsonNode bob = new Http(two.port).guest("bob" + UUID.randomUUID().toString().substring(0, 4));
                    try (var a = StompTestClient.connect(one.port, alice.get("token").asString());
                         var b = StompTestClient.connect(two.port, bob.get("token").asString())) {
                        BlockingQueue<JsonNode> bobLobby = b.subscribe("/topic/lobby/chat");
                        assertThat(reaches(a, bobLobby, "before")).as("a line from node one reaches node two").isTrue();
                        String aliceRoom = kickedOnOneNodeHearsTheRoomNoMoreOnTheOther(new Http(one.port), alice, new Http(two.port), bob, a, b);
                        proxy.delay(Duration.ofMillis(400));
                        try {
                            aFirstSubscriberHearsEveryLineAcceptedAfterItsReceipt(new Http(one.port), alice, new Http(two.port), bob, a, b, aliceRoom);
                        } finally {
                            proxy.delay(Duration.ZERO);
                        }

                        proxy.cut();
                        assertThat(reaches(a, bobLobby, "after")).as("after the cut, node two hears node one again").isTrue();
                        assertThat(proxy.accepted()).as("node two connected to RabbitMQ again").isGreaterThanOrEqualTo(2);
                        assertThat(b.isConnected()).as("node two's own client was never cut off").isTrue();
                    }
                }
            }
        } finally {
            try (Connection db = DriverManager.getConnection(System.getenv("SKIRMISH_TEST_POSTGRES_URL"), ClusterNode.dbUser(), ClusterNode.dbPassword()); var drop = db.createStatement()) {
                drop.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    /**
     * Node two's fan-out reads the room's members from PostgreSQL: a player kicked through node one is told so on node
     * two (a user destination across nodes) and hears the room's chat no more there, though its subscription stays.
     */
    private static String kickedOnOneNodeHearsTheRoomNoMoreOnTheOther(Http http1, JsonNode alice, Http http2, JsonNode bob,
                                                                   StompTestClient a, StompTestClient b) throws InterruptedException {
        var created = http1.post("/api/rooms", alice.get("token").asString(), "{\"name\":\"bridge room\",\"capacity\":4}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String room = created.body().get("id").asString();
        assertThat(http2.post("/api/rooms/" + room + "/join", bob.get("token").asString(), "{}").status()).isEqualTo(200);
        BlockingQueue<JsonNode> aliceChat = a.subscribe("/topic/rooms/" + room + "/chat");
        BlockingQueue<JsonNode> bobChat = b.subscribe("/topic/rooms/" + room + "/chat");
        assertThat(reaches(a, "/app/rooms/" + room + "/chat", bobChat, "room")).as("room chat crosses nodes").isTrue();

        var kicked = http1.post("/api/rooms/" + room + "/kick", alice.get("token").asString(), "{\"playerId\":\"" + bob.get("id").asString() + "\"}");
        assertThat(kicked.status()).as(kicked.raw()).isEqualTo(200);
        assertThat(StompTestClient.next(b.userErrors, null).get("code").asString()).isEqualTo("KICKED");
        bobChat.clear();
        a.chat("/app/rooms/" + room + "/chat", "bye bob");
        boolean aliceHeard = false;
        for (JsonNode n; !aliceHeard && (n = aliceChat.poll(10, TimeUnit.SECONDS)) != null; ) aliceHeard = n.toString().contains("bye bob");
        assertThat(aliceHeard).as("alice hears her own line").isTrue();
        // alice heard it on node one; by then node two had it too, give it a moment more to be sure
        for (JsonNode n; (n = bobChat.poll(1500, TimeUnit.MILLISECONDS)) != null; ) {
            assertThat(n.toString()).as("a kicked player hears the room on another node").doesNotContain("bye bob");
        }
        return room;
    }

    /**
     * A node listens to a room on RabbitMQ only while it has a subscriber of it, so the room's first subscriber on node
     * two makes the node's subscription; node two's connection to RabbitMQ is slowed (400 ms) so that subscription
     * lands late. Fault it stops: the player's RECEIPT coming back before RabbitMQ listens for node two, so a line
     * accepted on node one right after the RECEIPT is routed nowhere and never reaches the player. Three rooms, one
     * line each, each sent once.
     */
    private static void aFirstSubscriberHearsEveryLineAcceptedAfterItsReceipt(Http http1, JsonNode alice, Http http2, JsonNode bob,
                                                                            StompTestClient a, StompTestClient b, String aliceRoom) throws Exception {
        for (int round = 0; round < 3; round++) {
            assertThat(http1.post("/api/rooms/" + aliceRoom + "/leave", alice.get("token").asString(), "{}").status()).isEqualTo(200);
            var created = http1.post("/api/rooms", alice.get("token").asString(), "{\"name\":\"race " + round + "\",\"capacity\":4}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String room = aliceRoom = created.body().get("id").asString();
            var joined = http2.post("/api/rooms/" + room + "/join", bob.get("token").asString(), "{}");
            assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
            var bobChat = b.subscribeWithReceipt("/topic/rooms/" + room + "/chat");
            bobChat.receipt().get(20, TimeUnit.SECONDS);
            a.chat("/app/rooms/" + room + "/chat", "first " + round);
            boolean heard = false;
            for (JsonNode n; !heard && (n = bobChat.messages().poll(10, TimeUnit.SECONDS)) != null; ) heard = n.toString().contains("first " + round);
            assertThat(heard).as("round %d: a line accepted after the RECEIPT reaches the room's first subscriber on node two", round).isTrue();
            assertThat(http2.post("/api/rooms/" + room + "/leave", bob.get("token").asString(), "{}").status()).isEqualTo(200);
        }
    }

    private static boolean reaches(StompTestClient alice, BlockingQueue<JsonNode> bob, String tag) throws InterruptedException {
        return reaches(alice, "/app/lobby/chat", bob, tag);
    }

    /** Alice says numbered lines until one of them reaches bob's queue, for at most 20 s. */
    private static boolean reaches(StompTestClient alice, String to, BlockingQueue<JsonNode> bob, String tag) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int i = 0; System.nanoTime() < deadline; i++) {
            alice.chat(to, tag + " " + i);
            for (JsonNode n; (n = bob.poll(250, TimeUnit.MILLISECONDS)) != null; ) {
                if (n.toString().contains(tag + " ")) return true;
            }
        }
        return false;
    }


}
