package dev.skirmish.gameserver.launch;

import java.net.URI;
import java.util.List;

/**
 * The launch contract of docs/orchestrator-api.md, parsed and checked.
 *
 * @param sessionId              {@code --session-id}
 * @param port                   {@code --port} UDP port to bind (0: any free port, useful in tests)
 * @param address                {@code --address} IP to bind and to report
 * @param players                {@code --players}; empty for {@code --warm}
 * @param tickRate               {@code --tick-rate}, default 60
 * @param matchSeconds           {@code --match-seconds}, default 180
 * @param orchestratorUrl        {@code --orchestrator-url}, null: READY/RESULT lines on stdout
 * @param warm                   {@code --warm}: wait for an allocation instead of {@code --players}
 * @param sendRate               {@code --send-rate}, snapshots per second per client, default 20 (bandwidth)
 * @param noPlayersTimeoutSeconds {@code --no-players-timeout}, default 30: nobody connected → exit
 * @param allLeftTimeoutSeconds  {@code --all-left-timeout}, default 15: everyone gone this long → exit
 * @param seed                   {@code --seed}, the simulation's PRNG seed; null (default): random per match.
 *                               A fixed seed replays spawns and bomb timers exactly (tests, bug reports)
 * @param metricsFile            {@code --metrics-file}, null (default): none. At exit the server writes its tick,
 *                               jitter, bandwidth and snapshot measurements there as JSON (the benchmark reads it)
 * @param metricsWarmupSeconds   {@code --metrics-warmup}, default 0: measurements restart this long after READY
 */
public record LaunchArgs(String sessionId, int port, String address, List<String> players, int tickRate,
                         int matchSeconds, URI orchestratorUrl, boolean warm, int sendRate,
                         int noPlayersTimeoutSeconds, int allLeftTimeoutSeconds, Long seed,
                         java.nio.file.Path metricsFile, int metricsWarmupSeconds) {
    public static final int DEFAULT_TICK_RATE = 60;
    public static final int DEFAULT_MATCH_SECONDS = 180;
    public static final int DEFAULT_SEND_RATE = 20;
    public static final int DEFAULT_NO_PLAYERS_TIMEOUT = 30;
    public static final int DEFAULT_ALL_LEFT_TIMEOUT = 15;
    /** The session id of an Agones server before its allocation brought the real one. */
    public static final String UNALLOCATED = "unallocated";

    public LaunchArgs {
        players = List.copyOf(players);
    }

    /** Snapshots go out every this many ticks. */
    public int ticksPerSnapshot() {
        return Math.max(1, Math.round(tickRate / (float) sendRate));
    }

    /** An Agones server's match, as its assignment gave it. */
    public LaunchArgs forMatch(String session, List<String> names, int seconds) {
        return new LaunchArgs(session, port, address, names, tickRate, seconds, orchestratorUrl, false, sendRate,
                noPlayersTimeoutSeconds, allLeftTimeoutSeconds, seed, metricsFile, metricsWarmupSeconds);
    }

    public LaunchArgs withPlayers(List<String> names, int seconds) {
        return new LaunchArgs(sessionId, port, address, names, tickRate, seconds, orchestratorUrl, warm, sendRate,
                noPlayersTimeoutSeconds, allLeftTimeoutSeconds, seed, metricsFile, metricsWarmupSeconds);
    }
}
