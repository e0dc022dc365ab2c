package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.SERVICE_KEY;
import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.orchestrator.sessions.SessionRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's filter chains against a real orchestrator and real (fake) game-server processes, one test
 * per attack: one game server reporting for another, paths dressed up to slip past a check, and reading the
 * operators' endpoints without the key.
 */
class OrchestratorSecurityTest {
    private static final String RESULT = "{\"reason\":\"MATCH_END\",\"winner\":null,\"durationSeconds\":1.0,\"players\":[]}";
    private static final String BEAT = "{\"tick\":1,\"phase\":\"WAITING\",\"playersConnected\":0,\"tickMsP50\":0,"
            + "\"tickMsP99\":0,\"tickMsMax\":0,\"missedTicks\":0,\"bytesIn\":0,\"bytesOut\":0}";

    @TempDir
    static Path dir;
    static TestOrchestrator orch;
    static String a;
    static String b;
    static String keyA;
    static String keyB;

    @BeforeAll
    static void start() {
        orch = TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(),
                TestOrchestrator.defaults(dir, TestJars.fakeServerJar()));
        a = created(orch.post("/api/sessions", createBody("sec-room-a", 120, "alice")));
        b = created(orch.post("/api/sessions", createBody("sec-room-b", 120, "bob")));
        SessionRegistry registry = orch.bean(SessionRegistry.class);
        keyA = registry.find(a).orElseThrow().sessionKeyBase64();
        keyB = registry.find(b).orElseThrow().sessionKeyBase64();
    }

    @AfterAll
    static void stop() {
        orch.close();
    }

    private static String created(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    /** Every callback of session B: method, path suffix, body. */
    private static List<String[]> callbacks() {
        return List.of(new String[] {"POST", "/ready", "{}"}, new String[] {"POST", "/heartbeat", BEAT},
                new String[] {"POST", "/result", RESULT}, new String[] {"GET", "/allocation", null});
    }

    @Test
    void sessionAKeyIsRefusedOnEveryCallbackOfSessionB() {
        for (String[] c : callbacks()) {
            HttpResponse<String> r = orch.send(c[0], "/internal/sessions/" + b + c[1], c[2], keyA);
            assertThat(r.statusCode()).as(c[0] + " " + c[1] + " with session A's key").isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(json(r).get("code").asString()).isEqualTo("SESSION_KEY_REQUIRED");
            // nor the service key, nor none
            assertThat(orch.send(c[0], "/internal/sessions/" + b + c[1], c[2], SERVICE_KEY).statusCode()).isEqualTo(401);
            assertThat(orch.send(c[0], "/internal/sessions/" + b + c[1], c[2], null).statusCode()).isEqualTo(401);
        }
        assertThat(orch.session(b).get("state").asString()).isIn("READY", "RUNNING");
        // the key of the session itself opens its own callbacks; an unknown session stays a 404
        assertThat(orch.send("POST", "/internal/sessions/" + a + "/heartbeat", BEAT, keyA).statusCode()).isEqualTo(204);
        assertThat(orch.send("POST", "/internal/sessions/" + b + "/heartbeat", BEAT, keyB).statusCode()).isEqualTo(204);
        HttpResponse<String> unknown = orch.send("POST", "/internal/sessions/s-000000000000/ready", "{}", keyA);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asString()).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void encodedAndSemicolonVariantsOfEveryInternalPathAreRefusedWith400() {
        for (String[] c : callbacks()) {
            String path = "/internal/sessions/" + b + c[1];
            for (String variant : variants(path)) {
                // with the service key and with A's key: neither may reach B's handler by a path that looks different
                for (String key : new String[] {SERVICE_KEY, keyA, null}) {
                    HttpResponse<String> r = orch.send(c[0], variant, c[2], key);
                    assertThat(r.statusCode()).as(c[0] + " " + variant).isEqualTo(400);
                    assertThat(json(r).get("code").asString()).isEqualTo("REQUEST_REJECTED");
                    assertThat(r.body()).doesNotContain("Exception");
                }
            }
        }
        assertThat(orch.session(b).get("state").asString()).isIn("READY", "RUNNING");
    }

    @Test
    void encodedAndSemicolonVariantsOfEveryApiPathAreRefusedWith400() {
        String[][] api = {{"GET", "/api/sessions", null}, {"POST", "/api/sessions", createBody("sec-room-x", 60, "x")},
                {"GET", "/api/sessions/" + b, null}, {"DELETE", "/api/sessions/" + b, null}};
        for (String[] c : api) {
            for (String variant : variants(c[1])) {
                for (String key : new String[] {SERVICE_KEY, keyA}) {
                    HttpResponse<String> r = orch.send(c[0], variant, c[2], key);
                    assertThat(r.statusCode()).as(c[0] + " " + variant).isEqualTo(400);
                    assertThat(json(r).get("code").asString()).isEqualTo("REQUEST_REJECTED");
                }
            }
        }
        assertThat(orch.session(b).get("state").asString()).isIn("READY", "RUNNING");
        assertThat(orch.get("/api/sessions?state=READY").statusCode()).isEqualTo(200);
    }

    /** The same path with one letter percent-encoded, and with a {@code ;} parameter, in each segment. */
    private static List<String> variants(String path) {
        List<String> out = new java.util.ArrayList<>();
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            out.add(replace(segments, i, "%" + Integer.toHexString(s.charAt(0)) + s.substring(1)));
            out.add(replace(segments, i, s + ";x"));
            out.add(replace(segments, i, s + "%3B"));
        }
        return out;
    }

    private static String replace(String[] segments, int i, String with) {
        String[] copy = segments.clone();
        copy[i] = with;
        return "/" + String.join("/", copy);
    }

    @Test
    void actuatorPrometheusInfoAndHealthDetailsWithoutTheServiceKeyAre401() {
        for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/metrics")) {
            HttpResponse<String> r = orch.send("GET", path, null, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(json(r).get("code").asString()).isEqualTo("SERVICE_KEY_REQUIRED");
            assertThat(r.body()).doesNotContain("skirmish_");
            assertThat(orch.send("GET", path, null, keyA).statusCode()).as(path + " with a session key").isEqualTo(401);
        }
        assertThat(orch.send("GET", "/actuator/prometheus", null, SERVICE_KEY).body()).contains("skirmish_sessions");
        // probes stay open, without details
        HttpResponse<String> health = orch.send("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").doesNotContain("gameServerJar").doesNotContain("freePorts");
        assertThat(orch.send("GET", "/actuator/health", null, SERVICE_KEY).body()).contains("gameServerJarFound");
        assertThat(orch.send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(orch.send("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheApiAreRefused() {
        assertThat(orch.send("GET", "/", null, SERVICE_KEY).statusCode()).isIn(401, 403, 404);
        assertThat(orch.send("POST", "/internal/other", "{}", SERVICE_KEY).statusCode()).isEqualTo(401);
    }
}
