package dev.skirmish.orchestrator.launch;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.util.List;

/**
 * The JVM options a game server starts with (before the AOT cache's). An operator's {@code jvm-options} go to every
 * launch as given. Left empty (the default), they are sized from the match: a 6-player match's live set is a few
 * MiB, so a small match ({@code small-match-players}, default 8, the lobby's largest room) gets
 * {@code small-match-jvm-options}, which keep its heap small and its JIT to C1 (C2's compilations are what peaked
 * its RSS) and one start-up method of the JDK uncompiled (its C1 arena was still held when the match started): a
 * 6-player server is at ~50 MiB VmRSS at READY and peaks at ~58 instead of ~70 with C2 (~92 before the small set).
 * A 64-player match has a live set of 17–21 MiB and would collect all the time in that heap, so every other launch
 * gets {@code large-match-jvm-options}. A warm server does not know its match yet (it may be allocated any size), and
 * a match host runs several at once: both get the large set.
 * Figures: docs/benchmarks.md, "game-server memory (JVM levers)".
 */
public final class GameServerJvmOptions {
    private GameServerJvmOptions() {
    }

    /** For a server of its own (cold or warm), the AOT cache's training run included. */
    public static List<String> forLaunch(OrchestratorProperties props, LaunchSpec spec) {
        return spec.warm() ? anySize(props) : forPlayers(props, spec.players().size());
    }

    /** For a match of {@code players} players in a process of its own. */
    public static List<String> forPlayers(OrchestratorProperties props, int players) {
        return props.jvmOptions().isEmpty() && players <= props.smallMatchPlayers() ? props.smallMatchJvmOptions()
                : anySize(props);
    }

    /** For a match host, whatever sizes its matches will have. */
    public static List<String> forHost(OrchestratorProperties props) {
        return anySize(props);
    }

    /** The operator's options as given, else the set that fits a match of any size. */
    private static List<String> anySize(OrchestratorProperties props) {
        return props.jvmOptions().isEmpty() ? props.largeMatchJvmOptions() : props.jvmOptions();
    }
}
