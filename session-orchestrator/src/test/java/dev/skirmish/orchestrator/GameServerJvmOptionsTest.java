package dev.skirmish.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.ChildEnvironment;
import dev.skirmish.orchestrator.launch.GameServerJvmOptions;
import dev.skirmish.orchestrator.launch.LaunchSpec;
import dev.skirmish.orchestrator.launch.LocalProcessLauncher;
import dev.skirmish.orchestrator.launch.PortPool;
import dev.skirmish.orchestrator.launch.StartupCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The game server's JVM options are sized from its match unless the operator sets {@code jvm-options}, and the
 * one environment variable the orchestrator sets itself is never taken from its own environment. Properties are
 * bound as Spring binds them ({@code @DefaultValue}s included), so the defaults tested are the shipped ones.
 */
class GameServerJvmOptionsTest {
    @TempDir
    Path dir;

    private static OrchestratorProperties bind(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.putIfAbsent("skirmish.orchestrator.app-cds", "false");
        return new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("skirmish.orchestrator", OrchestratorProperties.class);
    }

    private static LaunchSpec cold(int players) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            names.add("p" + i);
        }
        return new LaunchSpec("s-" + players, "127.0.0.1", 7001, names, 60, 60, "http://127.0.0.1:8081", false, "k",
                Path.of("s.log"));
    }

    private static final LaunchSpec WARM = new LaunchSpec("w", "127.0.0.1", 7002, List.of(), 180, 60,
            "http://127.0.0.1:8081", true, "k", Path.of("w.log"));

    @Test
    void byDefaultALobbySizedMatchGetsTheSmallHeapAndAnythingElseTheLargeOne() {
        OrchestratorProperties props = bind(Map.of());
        assertThat(props.jvmOptions()).as("no operator options by default").isEmpty();
        assertThat(props.smallMatchPlayers()).isEqualTo(8);
        assertThat(props.smallMatchJvmOptions()).isEqualTo(OrchestratorProperties.SMALL_MATCH_JVM_OPTIONS)
                .contains("-Xmx24m", "-Xmn3m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=2",
                        "-XX:StringTableSize=4096", "-XX:CompileCommand=quiet",
                        // one argument: a comma would make an operator's copy of the list split it in two
                        "-XX:CompileCommand=exclude jdk.internal.classfile.impl.StackMapGenerator::processBlock")
                // C1 alone: a C2 compilation given up for its memory would fall back to C1, a C1 one to the interpreter
                .noneMatch(o -> o.contains("MemLimit"));
        assertThat(props.largeMatchJvmOptions()).isEqualTo(OrchestratorProperties.LARGE_MATCH_JVM_OPTIONS)
                .containsExactly("-Xss512k", "-Xmx256m", "-XX:+UseSerialGC");

        for (int players : List.of(1, 2, 6, 8)) {
            assertThat(GameServerJvmOptions.forLaunch(props, cold(players))).as(players + " players")
                    .isEqualTo(props.smallMatchJvmOptions());
        }
        for (int players : List.of(9, 16, 64)) {
            assertThat(GameServerJvmOptions.forLaunch(props, cold(players))).as(players + " players")
                    .isEqualTo(props.largeMatchJvmOptions());
        }
        assertThat(GameServerJvmOptions.forLaunch(props, WARM)).as("a warm server may get any match")
                .isEqualTo(props.largeMatchJvmOptions());
        assertThat(GameServerJvmOptions.forHost(props)).as("a match host runs several matches")
                .isEqualTo(props.largeMatchJvmOptions());
    }

    @Test
    void theOperatorsJvmOptionsGoToEveryLaunchAsGiven() {
        OrchestratorProperties props = bind(Map.of("skirmish.orchestrator.jvm-options", "-Xmx100m,-Dx=y"));
        for (LaunchSpec spec : List.of(cold(2), cold(6), cold(64), WARM)) {
            assertThat(GameServerJvmOptions.forLaunch(props, spec)).containsExactly("-Xmx100m", "-Dx=y");
        }
        assertThat(GameServerJvmOptions.forHost(props)).containsExactly("-Xmx100m", "-Dx=y");
    }

    @Test
    void theThresholdAndBothSetsAreSettings() {
        OrchestratorProperties props = bind(Map.of("skirmish.orchestrator.small-match-players", "4",
                "skirmish.orchestrator.small-match-jvm-options", "-Xmx20m",
                "skirmish.orchestrator.large-match-jvm-options", "-Xmx200m"));
        assertThat(GameServerJvmOptions.forLaunch(props, cold(4))).containsExactly("-Xmx20m");
        assertThat(GameServerJvmOptions.forLaunch(props, cold(5))).containsExactly("-Xmx200m");
        OrchestratorProperties never = bind(Map.of("skirmish.orchestrator.small-match-players", "0"));
        assertThat(GameServerJvmOptions.forLaunch(never, cold(2))).isEqualTo(never.largeMatchJvmOptions());
    }

    @Test
    void theLaunchCommandCarriesTheChosenOptionsBeforeTheJar() throws Exception {
        OrchestratorProperties props = bind(Map.of("skirmish.orchestrator.data-dir", dir.toString()));
        LocalProcessLauncher launcher = new LocalProcessLauncher(props, new StartupCache(props, new PortPool(props)));
        List<String> small = launcher.commandFor(cold(6), Path.of("/opt/game-server.jar"));
        assertThat(small.subList(1, small.indexOf("-jar"))).isEqualTo(props.smallMatchJvmOptions());
        List<String> large = launcher.commandFor(cold(12), Path.of("/opt/game-server.jar"));
        assertThat(large.subList(1, large.indexOf("-jar"))).isEqualTo(props.largeMatchJvmOptions());
    }

    /**
     * Attack: the orchestrator's environment reaching a game server through a name the orchestrator sets, e.g. an
     * operator's (or attacker's) {@code MALLOC_ARENA_MAX} or glibc tunables changing the child's allocator. The
     * value is the orchestrator's own, and other allocator variables are not passed at all.
     */
    @Test
    void theArenaCountIsTheOrchestratorsOwnValueNeverTheParents() {
        Map<String, String> env = ChildEnvironment.of(Map.of("MALLOC_ARENA_MAX", "1000", "GLIBC_TUNABLES",
                "glibc.malloc.arena_max=1000", "PATH", "/usr/bin"), "a2V5");
        assertThat(env).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("PATH", "/usr/bin")
                .doesNotContainKey("GLIBC_TUNABLES");
        assertThat(ChildEnvironment.of(Map.of(), null)).containsEntry("MALLOC_ARENA_MAX", "2");
    }
}
