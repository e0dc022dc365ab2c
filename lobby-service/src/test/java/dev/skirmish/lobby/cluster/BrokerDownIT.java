package dev.skirmish.lobby.cluster;

import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lobby node whose STOMP relay cannot reach RabbitMQ (the broker down, or not up yet). Failure it stops: a room
 * change that is already stored answered as {@code 500 INTERNAL_ERROR} because its event could not be broadcast
 * ("Message broker not active"), so the player retries and gets two rooms, or gives up on one that exists. The
 * change is answered as usual; the undelivered event is counted (RoomBroadcaster). About fan-out {@code relay}, so it
 * says so (fan-out {@code node} keeps delivering on the node: NodeBridgeIT).
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "needs PostgreSQL (SKIRMISH_TEST_POSTGRES_URL): profile cluster implies postgres")
class BrokerDownIT {
    private static final String SECRET = "broker-down-it-token-secret-0123456789abcdef";

    @Test
    void aRoomIsCreatedAndJoinedWhileTheRelayHasNoBroker() throws Exception {
        String schema = "broker_down_" + UUID.randomUUID().toString().substring(0, 8);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens here once it is closed: the relay never connects
        }
        Map<String, String> env = ClusterNode.environment(schema, SECRET, FakeOrchestrator.SERVICE_KEY);
        env.put("SKIRMISH_RELAY_HOST", "127.0.0.1");
        env.put("SKIRMISH_RELAY_PORT", Integer.toString(closedPort));
        Path logs = Files.createDirectories(Path.of("target", "broker-down-it"));
        try (var orchestrator = FakeOrchestrator.isolated();
             var node = ClusterNode.start("solo", logs.resolve("node.log"), env,
                     "--spring.flyway.schemas=" + schema, "--skirmish.lobby.orchestrator-url=" + orchestrator.url(),
                     "--skirmish.cluster.fanout=relay")) {
            var http = new Http(node.port);
            JsonNode owner = http.guest("owner");
            var created = http.post("/api/rooms", owner.get("token").asString(), "{\"name\":\"no broker\",\"capacity\":4}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String roomId = created.body().get("id").asString();

            JsonNode guest = http.guest("guest");
            var joined = http.post("/api/rooms/" + roomId + "/join", guest.get("token").asString(), "{}");
            assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
            assertThat(http.get("/api/rooms/" + roomId, guest.get("token").asString()).body().get("players")).hasSize(2);

            var metrics = http.getWithHeader("/actuator/prometheus", "Authorization", "Bearer " + FakeOrchestrator.SERVICE_KEY);
            assertThat(metrics.raw()).containsPattern("lobby_broadcasts_undelivered_total\\S* [1-9]");
        } finally {
            try (Connection db = DriverManager.getConnection(System.getenv("SKIRMISH_TEST_POSTGRES_URL"), ClusterNode.dbUser(), ClusterNode.dbPassword());
                 var drop = db.createStatement()) {
                drop.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

}
