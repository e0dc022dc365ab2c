package dev.skirmish.cli.bots;

import dev.skirmish.cli.SkirmishCli;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bots", description = "Run N headless players in this process: sign in, fill rooms, chat, play.")
public final class BotsCommand implements Callable<Integer> {
    private final SkirmishCli.Context ctx;

    @Option(names = "--count", required = true, description = "number of bots (at least 2 per room)")
    int count;
    @Option(names = "--rooms", defaultValue = "1", description = "rooms to spread them over, at most 8 bots each (default ${DEFAULT-VALUE})")
    int rooms;
    @Option(names = "--seconds", defaultValue = "300", description = "how long to keep playing (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--match-seconds", description = "match length the rooms ask for (default: the lobby's skirmish.lobby.match-seconds)")
    Integer matchSeconds;
    @Option(names = "--lobby", description = "lobby URL (default: the stored one)")
    String lobby;

    public BotsCommand(SkirmishCli.Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1 || seconds > 86_400) {
            throw new IllegalArgumentException("--seconds must be 1..86400");
        }
        String url = lobby != null ? lobby : ctx.config().lobby();
        BotStats stats = new BotStats();
        ctx.out().println("starting " + count + " bots in " + rooms + " room(s) against " + url + " for " + seconds + " s");
        BotSwarm.run(url, count, rooms, matchSeconds, Duration.ofSeconds(seconds), Integer.MAX_VALUE, stats, ctx.out(), Duration.ofSeconds(2));
        ctx.out().println(stats.summary());
        return stats.errors.sum() == 0 ? 0 : 1;
    }
}
