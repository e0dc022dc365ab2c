package dev.skirmish.cli.bots;

import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.text.Json;
import dev.skirmish.protocol.netsim.NetworkConditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bot swarm, also the load driver of the lobby and game-server benchmarks: a progress line while it runs, then
 * a summary with the latency percentiles of every lobby call the bots made, optionally also as a JSON report.
 */
@Command(name = "bots", description = "Run N headless players in this process: sign in, fill rooms, chat, play.")
public final class BotsCommand implements Callable<Integer> {
    private final Context ctx;

    @Option(names = "--count", required = true, description = "number of bots (at least 2 per room)")
    int count;
    @Option(names = "--rooms", defaultValue = "1", description = "rooms to spread them over, at most 8 bots each (default ${DEFAULT-VALUE})")
    int rooms;
    @Option(names = "--seconds", defaultValue = "300", description = "how long to keep playing (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--match-seconds", description = "match length the rooms ask for (default: the lobby's skirmish.lobby.match-seconds)")
    Integer matchSeconds;
    @Option(names = "--report-file", description = "also write the summary and latency percentiles as JSON to this file")
    Path reportFile;
    @Option(names = "--lobby", description = "lobby URL (default: the stored one)")
    String lobby;
    @Option(names = "--loss", defaultValue = "0%", description = "simulated packet loss each way, e.g. 5% (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--latency", defaultValue = "0ms", description = "simulated one-way latency, e.g. 100ms (default ${DEFAULT-VALUE})")
    String latency;
    @Option(names = "--jitter", defaultValue = "0ms", description = "simulated latency jitter, ± e.g. 20ms (default ${DEFAULT-VALUE})")
    String jitter;

    private NetworkConditions network = NetworkConditions.PERFECT;

    public BotsCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException("--seconds must be 1..86400");
        }
        if (reportFile != null && reportFile.getParent() != null && !Files.isDirectory(reportFile.getParent())) {
            throw new IllegalArgumentException("--report-file: directory " + reportFile.getParent() + " does not exist");
        }
        network = NetworkConditions.of(NetworkConditions.parsePercent(loss),
                NetworkConditions.parseDelay(latency), NetworkConditions.parseDelay(jitter), System.nanoTime());
        String url = lobby != null ? lobby : ctx.config().lobby();
        BotStats stats = new BotStats();
        ctx.out().println("starting " + count + " bots in " + rooms + " room(s) against " + url + " for " + seconds + " s"
                + (network.perfect() ? "" : ", game traffic over a simulated network: " + network));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (SimulatedNetwork route = new SimulatedNetwork(network)) {
            BotSwarm.run(url, count, rooms, matchSeconds, Duration.ofSeconds(seconds), Integer.MAX_VALUE, stats, ctx.out(),
                    Duration.ofSeconds(2), network.perfect() ? UnaryOperator.identity() : route);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        ctx.out().println(stats.summary());
        if (reportFile != null) {
            writeReport(url, started, took, stats);
            ctx.out().println("report written to " + reportFile);
        }
        return stats.errors.sum() == 0 ? 0 : 1;
    }

    private void writeReport(String url, Instant started, double took, BotStats stats) throws IOException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("startedAt", started.toString());
        r.put("lobby", url);
        r.put("bots", count);
        r.put("rooms", rooms);
        r.put("seconds", seconds);
        r.put("network", network.perfect() ? "direct" : network.toString());
        r.put("matchSeconds", matchSeconds);
        r.put("durationSeconds", Math.round(took * 10) / 10.0);
        r.put("loggedIn", stats.loggedIn.get());
        r.put("chats", stats.chatsSent.sum());
        r.put("matchesStarted", stats.matchesStarted.sum());
        r.put("matchesFinished", stats.matchesFinished.sum());
        r.put("errors", stats.errors.sum());
        r.put("errorKinds", stats.errorKinds());
        r.put("latencies", stats.latencies.asMap());
        // error kinds quote the lobby: ASCII JSON, so `cat` of the report prints no raw control or bidi character
        Files.writeString(reportFile, Json.asciiPretty(r) + "\n");
    }
}
