package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.LaunchSpec;
import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.PortPool;
import dev.skirmish.orchestrator.launch.StartupCache;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Plain-class tests of the port pool and the launcher's command line. */
class LaunchAndPortsTest {
    @TempDir
    Path dir;

    private OrchestratorProperties props(int first, int last) {
        return new OrchestratorProperties(Path.of("x.jar"), "", List.of("-Xmx64m"), false, dir, "127.0.0.1",
                "127.0.0.1", "", first, last, 50, 60, 180, Duration.ofSeconds(20), Duration.ofSeconds(1), 3,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(25), 0, 1, 40, false, "http://127.0.0.1:8080/e", Duration.ofMillis(500),
                Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    @Test
    void portsAreHandedOutOnceAndSkipPortsHeldElsewhere() throws Exception {
        int first = TestOrchestrator.udp(7760);
        PortPool pool = new PortPool(props(first, first + 2));
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), first + 1))) {
            int a = pool.acquire().orElseThrow();
            int b = pool.acquire().orElseThrow();
            assertThat(List.of(a, b)).containsExactly(first, first + 2);
            assertThat(pool.acquire()).isEmpty();
            pool.release(a);
            assertThat(pool.acquire().orElseThrow()).isEqualTo(first);
        }
    }

    @Test
    void argumentsAreAListAndTheKeyStaysOutOfTheCommandLine() throws Exception {
        OrchestratorProperties props = props(7000, 7999);
        LocalProcessLauncher launcher = new LocalProcessLauncher(props, new StartupCache(props, new PortPool(props)));
        LaunchSpec spec = new LaunchSpec("s-1", "127.0.0.1", 7003, List.of("alice", "bob"), 90, 60,
                "http://127.0.0.1:8081", false, "S3CRET", dir.resolve("s-1.log"));
        List<String> cmd = launcher.commandFor(spec, Path.of("/opt/game-server.jar"));
        assertThat(cmd).containsSubsequence("-jar", "/opt/game-server.jar", "--session-id", "s-1", "--port", "7003",
                "--address", "127.0.0.1", "--players", "alice,bob", "--match-seconds", "90", "--tick-rate", "60",
                "--orchestrator-url", "http://127.0.0.1:8081");
        assertThat(cmd).contains("-Xmx64m").doesNotContain("--warm");
        assertThat(String.join(" ", cmd)).doesNotContain("S3CRET");
        assertThat(spec.toString()).doesNotContain("S3CRET");

        LaunchSpec warm = new LaunchSpec("s-2", "127.0.0.1", 7004, List.of(), 180, 60, "http://x", true, "k",
                dir.resolve("s-2.log"));
        assertThat(launcher.commandFor(warm, Path.of("/g.jar"))).contains("--warm").doesNotContain("--players");
    }

    /** The short constructor's newer settings are their {@code @DefaultValue}s as Spring binds them, not a copy. */
    @Test
    void theShortConstructorGivesTheNewerSettingsTheirBoundDefaults() {
        OrchestratorProperties bound = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("skirmish.orchestrator", OrchestratorProperties.class);
        OrchestratorProperties props = props(7000, 7999);
        assertThat(props.matchesPerProcess()).isEqualTo(bound.matchesPerProcess()).isEqualTo(1);
        assertThat(props.hostLinger()).isEqualTo(bound.hostLinger()).isEqualTo(Duration.ofSeconds(10));
        assertThat(props.smallMatchPlayers()).isEqualTo(bound.smallMatchPlayers()).isEqualTo(8);
        assertThat(props.smallMatchJvmOptions()).isEqualTo(bound.smallMatchJvmOptions()).isNotEmpty();
        assertThat(props.largeMatchJvmOptions()).isEqualTo(bound.largeMatchJvmOptions()).isNotEmpty();
    }
}
