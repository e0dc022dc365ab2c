package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The session API against a real child process (the fake server): allocation, validation, auth, stop. */
class SessionApiTest {
    @TempDir
    static Path dir;
    static TestOrchestrator orch;

    @BeforeAll
    static void start() {
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(),
                TestOrchestrator.defaults(dir, TestJars.fakeServerJar()));
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    @Test
    void allocationReturnsAReachableServerAndOneTokenPerPlayer() throws Exception {
        HttpResponse<String> r = orch.post("/api/sessions", createBody("room-a", 60, "alice", "bob"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode s = json(r);
        assertThat(s.get("state").asString()).isEqualTo("READY");
        assertThat(s.get("host").asString()).isEqualTo("127.0.0.1");
        int port = s.get("port").asInt();
        assertThat(port).isBetween(TestOrchestrator.udp(7700), TestOrchestrator.udp(7799));
        assertThat(s.get("connectTokens")).hasSize(2);
        assertThat(s.get("connectTokens").get(1).get("name").asString()).isEqualTo("bob");
        assertThat(Base64.getDecoder().decode(s.get("connectTokens").get(0).get("token").asString())).hasSizeGreaterThan(100);

        // the address works: the server echoes a datagram
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            byte[] hello = "ping".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(hello, hello.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket back = new DatagramPacket(new byte[16], 16);
            socket.receive(back);
            assertThat(new String(back.getData(), 0, back.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping");
        }

        String id = s.get("id").asString();
        JsonNode view = orch.session(id);
        assertThat(view.has("connectTokens")).isFalse();
        assertThat(view.toString()).doesNotContain("sessionKey");
        await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("state").asString().equals("RUNNING"));
        await().atMost(Duration.ofSeconds(5)).until(() -> orch.session(id).get("lastStats").has("tickMsP99"));

        assertThat(orch.post("/api/sessions", createBody("room-a", 60, "carol")).statusCode()).isEqualTo(409);
        assertThat(orch.get("/api/sessions?state=RUNNING").body()).contains(id);

        String metrics = orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body();
        assertThat(metrics).contains("skirmish_session_tick_p99_ms{session=\"" + id + "\"}")
                .contains("skirmish_session_tick_max_ms{session=\"" + id + "\"}")
                .contains("skirmish_session_bytes_in{session=\"" + id + "\"}")
                .contains("skirmish_session_bytes_out{session=\"" + id + "\"}")
                .contains("skirmish_session_players_connected{session=\"" + id + "\"}")
                .contains("skirmish_sessions{state=\"RUNNING\"}").contains("skirmish_sessions_warm_idle")
                .contains("skirmish_sessions_start_to_ready_seconds_bucket").contains("skirmish_sessions_launches_total");

        // graceful stop: SIGTERM, the server reports SHUTDOWN, the room is free again
        assertThat(orch.delete("/api/sessions/" + id).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(8)).until(() -> orch.session(id).get("state").asString().equals("ENDED"));
        JsonNode ended = orch.session(id);
        assertThat(ended.get("endReason").asString()).isEqualTo("SHUTDOWN");
        assertThat(orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body())
                .contains("skirmish_sessions_ended_total{reason=\"SHUTDOWN\",state=\"ENDED\"}");
        assertThat(ended.get("result").get("players").get(0).get("name").asString()).isEqualTo("alice");
        long pid = ended.get("pid").asLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
        assertThat(Files.readString(dir.resolve("logs").resolve(id + ".log"))).contains("READY 127.0.0.1:" + port);
    }

    @Test
    void operationsEndpointsAreUp() {
        assertThat(orch.send("GET", "/v3/api-docs", null, null).body()).contains("/api/sessions")
                .contains("/internal/sessions/{id}/heartbeat");
        assertThat(orch.send("GET", "/swagger-ui/index.html", null, null).statusCode()).isEqualTo(200);
        String health = orch.send("GET", "/actuator/health", null, TestOrchestrator.SERVICE_KEY).body();
        assertThat(health).contains("\"sessions\"").contains("\"gameServerJarFound\":true").contains("\"UP\"");
        assertThat(orch.send("GET", "/actuator/info", null, TestOrchestrator.SERVICE_KEY).body()).contains("session-orchestrator");
        assertThat(orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body()).contains("skirmish_sessions{state=\"READY\"}")
                .contains("skirmish_ports_free");
        HttpResponse<String> badState = orch.get("/api/sessions?state=NOPE");
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).doesNotContain("Exception");
    }

    @Test
    void invalidBodiesAre400ProblemDetails() {
        String[] bad = {
                "{\"roomId\":\"r1\",\"players\":[]}",
                "{\"roomId\":\"r1\",\"players\":[{\"id\":\"a\",\"name\":\"alice\"},{\"id\":\"b\",\"name\":\"alice\"}]}",
                "{\"roomId\":\"r1\",\"players\":[{\"id\":\"a\",\"name\":\"al ice; rm -rf /\"}]}",
                "{\"roomId\":\"r1\",\"players\":[{\"id\":\"a\",\"name\":\"--warm\"}]}".replace("--warm", "x"),
                "{\"roomId\":\"r1\",\"players\":[{\"id\":\"a\",\"name\":\"alice\"}],\"matchSeconds\":5}",
                "{\"roomId\":\"\",\"players\":[{\"id\":\"a\",\"name\":\"alice\"}]}",
                "{not json",
        };
        for (String body : bad) {
            HttpResponse<String> r = orch.post("/api/sessions", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
        }
    }

    /** The shared problem counter (web-support's auto-configuration) counts the security's and the handlers' problems. */
    @Test
    void problemsAreCountedByCodeAndStatus() {
        assertThat(orch.send("GET", "/api/sessions", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(orch.get("/api/sessions/nope").statusCode()).isEqualTo(404);
        assertThat(orch.send("GET", "/actuator/prometheus", null, TestOrchestrator.SERVICE_KEY).body())
                .containsPattern("skirmish_problems_total\\{code=\"[A-Z_]+\",status=\"401\"\\}")
                .containsPattern("skirmish_problems_total\\{code=\"[A-Z_]+\",status=\"404\"\\}");
    }

    @Test
    void keysAreChecked() {
        assertThat(orch.send("POST", "/api/sessions", createBody("r2", 60, "alice"), null).statusCode()).isEqualTo(401);
        assertThat(orch.send("GET", "/api/sessions", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(orch.get("/api/sessions/nope").statusCode()).isEqualTo(404);
        assertThat(orch.send("POST", "/internal/sessions/nope/ready", "{}", "x").statusCode()).isEqualTo(404);

        HttpResponse<String> r = orch.post("/api/sessions", createBody("room-keys", 60, "alice"));
        String id = json(r).get("id").asString();
        // the service key is not a session key
        assertThat(orch.send("POST", "/internal/sessions/" + id + "/result", "{\"reason\":\"MATCH_END\"}",
                TestOrchestrator.SERVICE_KEY).statusCode()).isEqualTo(401);
        assertThat(orch.session(id).get("state").asString()).isIn("READY", "RUNNING");
        orch.delete("/api/sessions/" + id);
    }
}
