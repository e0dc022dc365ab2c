package dev.skirmish.gameserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.FakeAgonesSdk;
import dev.skirmish.gameserver.support.FakeOrchestrator;
import dev.skirmish.gameserver.support.ServerProcess;
import dev.skirmish.gameserver.support.Tokens;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged game server in Agones mode ({@code AGONES_SDK_HTTP_PORT} set) against a stand-in SDK sidecar and a
 * stand-in orchestrator, with real UDP clients.
 */
class AgonesModeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "fleet-secret-for-the-agones-mode-test-0123";
    private static final String NAME = "skirmish-game-server-x7k2p-abcde";

    @TempDir
    Path dir;

    private Map<String, String> env(int sdkPort) throws Exception {
        Path secret = dir.resolve("fleet-secret");
        Files.writeString(secret, SECRET + "\n");
        return Map.of("AGONES_SDK_HTTP_PORT", Integer.toString(sdkPort), "SKIRMISH_FLEET_SECRET_FILE",
                secret.toString(), "SKIRMISH_AGONES_HEALTH_INTERVAL_MS", "200", "SKIRMISH_AGONES_SDK_WAIT_MS", "1000",
                "SKIRMISH_AGONES_PLAYER_TRACKING", "true");
    }

    /** The construction of docs/kubernetes.md, written out independently of the server's code. */
    private static String credential(String secret, String name) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(("skirmish-agones-assignment-v1:" + name).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readyAllocatedAssignmentMatchResultShutdown() throws Exception {
        Tokens t = new Tokens("s-agones");
        try (FakeAgonesSdk sdk = new FakeAgonesSdk(NAME); FakeOrchestrator orch = new FakeOrchestrator()) {
            orch.assignment("Bearer " + credential(SECRET, NAME), "{\"sessionId\":\"s-agones\",\"sessionKey\":\""
                    + t.base64Key() + "\",\"players\":[\"alice\",\"bob\"],\"matchSeconds\":3}");
            try (ServerProcess p = new ServerProcess(env(sdk.port()), "--port", "0", "--address", "127.0.0.1",
                    "--orchestrator-url", orch.url())) {
                await().atMost(WAIT).until(() -> !sdk.calls("/ready").isEmpty());
                // Ready and waiting: nothing is asked of the orchestrator before the allocation
                await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> orch.calls().isEmpty());
                sdk.allocate("s-agones");

                await().atMost(WAIT).until(() -> !orch.calls("/internal/sessions/s-agones/ready").isEmpty());
                FakeOrchestrator.Call fetch = orch.calls("/assignment").getFirst();
                assertThat(fetch.path()).isEqualTo("/internal/agones/gameservers/" + NAME + "/assignment");
                FakeOrchestrator.Call ready = orch.calls("/ready").getFirst();
                assertThat(ready.authorization()).isEqualTo("Bearer " + t.base64Key());
                int port = Integer.parseInt(ready.body().replaceAll(".*\"port\":(\\d+).*", "$1"));
                try (Bot alice = new Bot(t.token("alice", port)); Bot bob = new Bot(t.token("bob", port))) {
                    await().atMost(WAIT).until(() -> orch.calls("/heartbeat").stream()
                            .anyMatch(c -> c.body().contains("\"playersConnected\":2")));
                    assertThat(p.awaitExit(WAIT)).isZero();
                }
            }
            assertThat(orch.calls("/result").getFirst().body()).contains("\"reason\":\"MATCH_END\"");
            // player tracking: each player's connect went to the SDK
            assertThat(sdk.calls("/alpha/player/connect")).extracting(FakeAgonesSdk.Call::body)
                    .containsExactlyInAnyOrder("{\"playerID\":\"alice\"}", "{\"playerID\":\"bob\"}");
            // the SDK saw: Ready, then (after the match) Shutdown, last of the lifecycle calls
            List<String> lifecycle = sdk.calls().stream().map(FakeAgonesSdk.Call::path)
                    .filter(x -> x.equals("/ready") || x.equals("/shutdown")).toList();
            assertThat(lifecycle).containsExactly("/ready", "/shutdown");
            assertThat(sdk.calls("/ready").getFirst().method()).isEqualTo("POST");
            // health at the configured interval (200 ms) all along: never bunched, never a long gap
            List<FakeAgonesSdk.Call> health = sdk.calls("/health");
            assertThat(health.size()).isGreaterThan(8);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < health.size(); i++) {
                gaps.add((health.get(i).nanos() - health.get(i - 1).nanos()) / 1_000_000);
            }
            assertThat(gaps).allMatch(g -> g >= 150, "no health ping sooner than the interval");
            // the interval is the configured one, not a default of seconds; a loaded machine (CI beside other builds)
            // delays a ping's thread by a few hundred ms now and then, which is no bug, so the bound is loose
            assertThat(gaps.stream().sorted().toList().get(gaps.size() / 2)).isBetween(150L, 1_000L);
        }
    }

    @Test
    void aWrongFleetSecretIsAClearErrorNotAHang() throws Exception {
        try (FakeAgonesSdk sdk = new FakeAgonesSdk(NAME); FakeOrchestrator orch = new FakeOrchestrator()) {
            orch.assignment("Bearer " + credential("the-orchestrators-other-fleet-secret-0123", NAME), "{}");
            try (ServerProcess p = new ServerProcess(env(sdk.port()), "--port", "0", "--address", "127.0.0.1",
                    "--orchestrator-url", orch.url())) {
                await().atMost(WAIT).until(() -> !sdk.calls("/ready").isEmpty());
                sdk.allocate("s-agones");
                assertThat(p.awaitExit(WAIT)).isEqualTo(1);
                assertThat(p.stderr()).contains("refused the assignment").contains("401");
            }
            // an allocated server that cannot play gives its GameServer back
            assertThat(sdk.calls("/shutdown")).isNotEmpty();
        }
    }

    @Test
    void anAssignmentForAnotherSessionThanTheAllocationIsNotPlayed() throws Exception {
        // an orchestrator (or whoever answers in its place) handing out another session's match: refused, not played
        Tokens t = new Tokens("s-other");
        try (FakeAgonesSdk sdk = new FakeAgonesSdk(NAME); FakeOrchestrator orch = new FakeOrchestrator()) {
            orch.assignment("Bearer " + credential(SECRET, NAME), "{\"sessionId\":\"s-other\",\"sessionKey\":\""
                    + t.base64Key() + "\",\"players\":[\"alice\"],\"matchSeconds\":3}");
            try (ServerProcess p = new ServerProcess(env(sdk.port()), "--port", "0", "--address", "127.0.0.1",
                    "--orchestrator-url", orch.url())) {
                await().atMost(WAIT).until(() -> !sdk.calls("/ready").isEmpty());
                sdk.allocate("s-agones");
                assertThat(p.awaitExit(WAIT)).isEqualTo(1);
                assertThat(p.stderr()).contains("s-other").contains("s-agones");
            }
            assertThat(orch.calls("/ready")).isEmpty();
            assertThat(sdk.calls("/shutdown")).isNotEmpty();
        }
    }

    @Test
    void sdkUnreachableAtStartIsAClearErrorAndExitCode1() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ServerProcess p = new ServerProcess(env(closed), "--port", "0", "--address", "127.0.0.1",
                "--orchestrator-url", "http://127.0.0.1:9")) {
            assertThat(p.awaitExit(WAIT)).isEqualTo(1);
            assertThat(p.stderr()).contains("Agones SDK at 127.0.0.1:" + closed).contains("did not answer");
        }
    }

    @Test
    void agonesModeWithoutAFleetSecretOrWithAPlayerListIsAUsageError() throws Exception {
        try (FakeAgonesSdk sdk = new FakeAgonesSdk(NAME)) {
            Map<String, String> noSecret = Map.of("AGONES_SDK_HTTP_PORT", Integer.toString(sdk.port()),
                    "SKIRMISH_FLEET_SECRET_FILE", dir.resolve("missing").toString());
            try (ServerProcess p = new ServerProcess(noSecret, "--port", "0", "--address", "127.0.0.1",
                    "--orchestrator-url", "http://127.0.0.1:9")) {
                assertThat(p.awaitExit(WAIT)).isEqualTo(2);
                assertThat(p.stderr()).contains("fleet secret");
            }
            try (ServerProcess p = new ServerProcess(env(sdk.port()), "--port", "0", "--address", "127.0.0.1",
                    "--players", "alice", "--orchestrator-url", "http://127.0.0.1:9")) {
                assertThat(p.awaitExit(WAIT)).isEqualTo(2);
                assertThat(p.stderr()).contains("--players is not for Agones mode");
            }
            assertThat(sdk.calls()).isEmpty();
        }
    }
}
