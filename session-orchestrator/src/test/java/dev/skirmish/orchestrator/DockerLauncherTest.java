package dev.skirmish.orchestrator;

import static dev.skirmish.orchestrator.TestOrchestrator.createBody;
import static dev.skirmish.orchestrator.TestOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.skirmish.orchestrator.launch.PortPool;
import dev.skirmish.orchestrator.launch.docker.DockerLauncher;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.connection.ClientState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The orchestrator with {@code skirmish.orchestrator.launcher=docker} against a real engine and the game-server
 * image: allocation gives a reachable server in a labelled container, {@code docker kill} is a crash that frees
 * the port and removes the container, a restart re-adopts a running container, and a stop removes it; the
 * container is confined by the launcher's defaults.
 */
class DockerLauncherTest {
    @TempDir
    Path dir;

    // per test, not per class: each test is then reported as skipped, with the reason
    @BeforeEach
    void docker() {
        GameServerImage.requireDocker();
    }

    private Map<String, Object> props(int firstPort) {
        Map<String, Object> p = TestOrchestrator.defaults(dir, dir.resolve("no-jar-needed.jar"));
        p.put("skirmish.orchestrator.launcher", "docker");
        p.put("skirmish.orchestrator.docker.image", GameServerImage.tag());
        p.put("skirmish.orchestrator.docker.network", "host");
        p.put("skirmish.orchestrator.docker.name-prefix", "skirmish-test-gs-");
        p.put("skirmish.orchestrator.port-range-start", firstPort);
        p.put("skirmish.orchestrator.port-range-end", firstPort + 1);
        p.put("skirmish.orchestrator.ready-timeout", "60s");
        p.put("skirmish.orchestrator.stop-sessions-on-shutdown", false);
        // a slow engine (copying storage driver, busy machine) must not let the heartbeat rule see the kill first
        p.put("skirmish.orchestrator.missed-heartbeats", 10);
        return p;
    }

    @Test
    void allocateKillRestartAndStop() {
        GameServerImage.tag(); // build before the clock of any READY timeout runs
        int firstPort = GameServerImage.freeUdpPorts(2);
        int httpPort = TestOrchestrator.freeTcpPort();
        Map<String, Object> props = props(firstPort);
        String kept;
        try (TestOrchestrator orch = TestOrchestrator.start(dir, httpPort, props)) {
            // allocate: READY, a labelled running container, players get in with their tokens
            HttpResponse<String> r = orch.post("/api/sessions", createBody("docker-crash", 60, "alice"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode created = json(r);
            String crashed = created.get("id").asString();
            int port = created.get("port").asInt();
            assertThat(containers(crashed)).singleElement()
                    .satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
            assertConfined(GameServerImage.docker().inspectContainerCmd("skirmish-test-gs-" + crashed).exec()
                    .getHostConfig());
            try (GameClient client = GameClient.connect(created.get("connectTokens").get(0).get("token").asString(),
                    Duration.ofSeconds(10))) {
                assertThat(client.state()).isEqualTo(ClientState.CONNECTED);
            }

            // docker kill = a crash: CRASHED, container removed, port free again
            GameServerImage.docker().killContainerCmd("skirmish-test-gs-" + crashed).exec();
            await().atMost(Duration.ofSeconds(9)).until(() -> orch.session(crashed).get("state").asString().equals("CRASHED"));
            assertThat(orch.session(crashed).get("endReason").asString()).contains("killed");
            await().atMost(Duration.ofSeconds(10)).until(() -> !orch.bean(PortPool.class).inUse(port));
            assertThat(containers(crashed)).isEmpty();

            HttpResponse<String> second = orch.post("/api/sessions", createBody("docker-keep", 60, "bob"));
            assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
            kept = json(second).get("id").asString();
        }

        // the orchestrator was down; the container kept running and is re-adopted
        assertThat(containers(kept)).singleElement().satisfies(c -> assertThat(c.getState()).isEqualTo("running"));
        try (TestOrchestrator orch = TestOrchestrator.start(dir, httpPort, props)) {
            JsonNode session = orch.session(kept);
            assertThat(session.get("state").asString()).isIn("READY", "RUNNING");
            int port = session.get("port").asInt();
            assertThat(orch.bean(PortPool.class).inUse(port)).isTrue();
            // still supervised: its heartbeats keep it healthy past the missed-heartbeat deadline
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> orch.session(kept).get("state").asString().matches("READY|RUNNING"));

            // a graceful stop ends it and removes the container
            assertThat(orch.delete("/api/sessions/" + kept).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> orch.session(kept).get("state").asString().equals("ENDED"));
            await().atMost(Duration.ofSeconds(20)).until(() -> containers(kept).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> !orch.bean(PortPool.class).inUse(port));
        } finally {
            containers(kept).forEach(c -> GameServerImage.docker().removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    /**
     * Attack: a hole in the game server (it parses untrusted UDP) turned into a foothold on the host. The
     * container it runs in has no capabilities, cannot gain privileges, cannot write its image, and has bounded
     * processes, memory and CPU (the launcher's defaults; only the network is host here, by configuration).
     */
    private static void assertConfined(HostConfig host) {
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getSecurityOpts()).contains("no-new-privileges:true");
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getTmpFs()).containsOnlyKeys("/tmp");
        assertThat(host.getPidsLimit()).isEqualTo(256L);
        assertThat(host.getNanoCPUs()).isEqualTo(1_000_000_000L);
        assertThat(host.getMemory()).isEqualTo(512L * 1024 * 1024);
        assertThat(host.getNetworkMode()).isEqualTo("host");
    }

    @Test
    void aGameServerNetworkThatDoesNotExistStopsTheStartInsteadOfFallingBackToTheHostNetwork() {
        Map<String, Object> p = props(GameServerImage.freeUdpPorts(2));
        p.put("skirmish.orchestrator.docker.network", "skirmish-no-such-network");
        assertThatThrownBy(() -> TestOrchestrator.start(dir, TestOrchestrator.freeTcpPort(), p).close())
                .hasStackTraceContaining("skirmish-no-such-network").hasStackTraceContaining("does not exist");
    }

    private static List<Container> containers(String session) {
        return GameServerImage.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(DockerLauncher.SESSION_LABEL, session)).exec();
    }
}
