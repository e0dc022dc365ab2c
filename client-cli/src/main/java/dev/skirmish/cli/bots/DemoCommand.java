package dev.skirmish.cli.bots;

import dev.skirmish.cli.lobby.LobbyClient;
import dev.skirmish.cli.render.Tables;
import dev.skirmish.cli.shell.Context;
import dev.skirmish.cli.text.Json;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./skirmish demo}: four bots fill one room, chat, play one match, and the result is read back from the
 * lobby's match history, so the demo proves the whole path: lobby, orchestrator, game server, result callback.
 */
@Command(name = "demo", description = "Bots fill a room, chat, play one match; prints the result from the lobby's history.")
public final class DemoCommand implements Callable<Integer> {
    private final Context ctx;

    @Option(names = "--lobby", description = "lobby URL (default: the stored one)")
    String lobby;
    @Option(names = "--bots", defaultValue = "4", description = "bots in the room, 2-8 (default ${DEFAULT-VALUE})")
    int bots;
    @Option(names = "--match-seconds", defaultValue = "30",
            description = "match length the demo room asks for (the lobby allows skirmish.lobby.min-match-seconds, 30 by default) (default ${DEFAULT-VALUE})")
    int matchSeconds;
    @Option(names = "--timeout", defaultValue = "300", description = "give up after this many seconds (default ${DEFAULT-VALUE})")
    int timeout;

    public DemoCommand(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (bots < 2 || bots > 8) {
            throw new IllegalArgumentException("--bots must be 2..8");
        }
        String url = lobby != null ? lobby : ctx.config().lobby();
        ctx.out().println("demo: " + bots + " bots fill one room on " + url + ", chat and play one " + matchSeconds + " s match");
        BotStats stats = new BotStats();
        List<String> names = BotSwarm.run(url, bots, 1, matchSeconds, Duration.ofSeconds(timeout), 1, stats, ctx.out(), Duration.ofSeconds(5));
        ctx.out().println(stats.summary());
        String someone = names.stream().filter(Objects::nonNull).findFirst().orElse(null);
        if (stats.matchesFinished.sum() == 0 || someone == null) {
            ctx.err().println("skirmish: the demo match did not finish");
            return 1;
        }
        // the lobby records the result when the orchestrator reports it: poll the history until it is there
        LobbyClient client = new LobbyClient(url, null);
        // the history needs a signed-in reader: a guest of its own, as a spectator would be
        client.token(client.guest("demo-" + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 20), 36))
                .path("token").asString());
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            JsonNode items = client.matches(someone, 1).path("items");
            if (!items.isEmpty() && items.get(0).path("endedAt").isString()) {
                JsonNode m = items.get(0);
                ctx.out().println("match " + Json.shown(m, "id") + " in room " + Json.shown(m, "roomName") + ": " + Json.shown(m, "endReason")
                        + ", winner " + (Json.shown(m, "winner").isEmpty() ? "none (draw)" : Json.shown(m, "winner"))
                        + ", " + Json.shown(m, "durationSeconds") + " s");
                ctx.out().print(Tables.table(List.of("ID", "ROOM", "STARTED", "STATE", "WINNER", "PLAYERS (kills/deaths)"),
                        Tables.matchRows(items)));
                return 0;
            }
            Thread.sleep(500);
        }
        ctx.err().println("skirmish: the match ended but the lobby's history has no result for it after 30 s");
        return 1;
    }
}
