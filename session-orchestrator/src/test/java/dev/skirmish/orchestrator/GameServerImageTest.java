package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.connection.ClientState;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The game-server image on its own, as a container on the host network: it reports READY on stdout (no
 * orchestrator), two players connect with connect tokens sealed with the key given in SKIRMISH_SESSION_KEY, play
 * a short match, and the server prints its RESULT and exits 0.
 */
class GameServerImageTest {
    // per test, not per class: each test is then reported as skipped, with the reason
    @BeforeEach
    void docker() {
        GameServerImage.requireDocker();
    }

    @Test
    void imageRunsAsNonRootWithZgc() {
        InspectImageResponse image = GameServerImage.docker().inspectImageCmd(GameServerImage.tag()).exec();
        assertThat(image.getConfig().getUser()).isEqualTo("skirmish");
        assertThat(List.of(image.getConfig().getEnv())).anySatisfy(e -> assertThat(e).contains("-XX:+UseZGC"));
    }

    @Test
    void aShortMatchIsPlayedAgainstTheContainer() throws Exception {
        int port = GameServerImage.freeUdpPorts(1);
        byte[] key = ConnectTokens.newSessionKey();
        String session = "image-test-" + System.nanoTime();
        ToStringConsumer output = new ToStringConsumer();
        try (GenericContainer<?> server = new GenericContainer<>(GameServerImage.tag())
                .withNetworkMode("host")
                .withEnv("SKIRMISH_SESSION_KEY", Base64.getEncoder().encodeToString(key))
                .withCommand("--session-id", session, "--port", Integer.toString(port), "--address", "127.0.0.1",
                        "--players", "alice,bob", "--match-seconds", "3")
                .withLogConsumer(output)
                .waitingFor(Wait.forLogMessage("READY .*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            server.start();

            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            Instant expires = Instant.now().plusSeconds(60);
            try (GameClient alice = GameClient.connect(
                            ConnectTokens.issue(key, session, "p-alice", "alice", address, expires), Duration.ofSeconds(10));
                 GameClient bob = GameClient.connect(
                            ConnectTokens.issue(key, session, "p-bob", "bob", address, expires), Duration.ofSeconds(10))) {
                assertThat(alice.state()).isEqualTo(ClientState.CONNECTED);
                assertThat(bob.state()).isEqualTo(ClientState.CONNECTED);
                // both play until the 3 s match is over
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(16)).until(() -> {
                    alice.sendInput(1);
                    bob.sendInput(2);
                    return output.toUtf8String().contains("RESULT ");
                });
                assertThat(alice.latestSnapshot()).isNotNull();
                assertThat(bob.latestSnapshot()).isNotNull();
            }
            String result = output.toUtf8String().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
            assertThat(result).contains("\"reason\":\"MATCH_END\"").contains("\"name\":\"alice\"")
                    .contains("\"name\":\"bob\"");
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.isRunning());
            Long code = GameServerImage.docker().inspectContainerCmd(server.getContainerId()).exec().getState()
                    .getExitCodeLong();
            assertThat(code).isEqualTo(0L);
        }
    }
}
