package dev.skirmish.cli.bots;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/** N bots in this process, one virtual thread each, spread over M rooms; prints progress until all are done. */
public final class BotSwarm {
    private BotSwarm() {
    }

    /**
     * Runs the swarm and returns the names the bots signed in with (null where sign-in failed). {@code matchSeconds}
     * is the match length the rooms ask for, {@code null} for the lobby's default.
     */
    public static List<String> run(String lobbyUrl, int count, int rooms, Integer matchSeconds, Duration duration, int maxMatches,
                                   BotStats stats, PrintWriter out, Duration progressEvery) throws InterruptedException {
        return run(lobbyUrl, count, rooms, matchSeconds, duration, maxMatches, stats, out, progressEvery,
                UnaryOperator.identity());
    }

    /** As above; {@code route} picks where each bot sends a game server's datagrams (a simulated network). */
    public static List<String> run(String lobbyUrl, int count, int rooms, Integer matchSeconds, Duration duration, int maxMatches,
                                   BotStats stats, PrintWriter out, Duration progressEvery,
                                   UnaryOperator<InetSocketAddress> route) throws InterruptedException {
        if (count < 2 || rooms < 1 || count < 2 * rooms) {
            throw new IllegalArgumentException("need at least 2 bots per room (count " + count + ", rooms " + rooms + ")");
        }
        if ((count + rooms - 1) / rooms > 8) {
            throw new IllegalArgumentException("a room seats at most 8: use at least " + ((count + 7) / 8) + " rooms for " + count + " bots");
        }
        long deadline = System.nanoTime() + duration.toNanos();
        // a short random tag keeps names unique across runs while the lobby still holds the old ones
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        List<Bot.Group> groups = new ArrayList<>();
        for (int g = 0; g < rooms; g++) {
            int size = count / rooms + (g < count % rooms ? 1 : 0);
            groups.add(new Bot.Group(g, size, matchSeconds, new CompletableFuture<>(), route));
        }
        List<Bot> bots = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[] seated = new int[rooms];
        for (int i = 0; i < count; i++) {
            Bot.Group g = groups.get(i % rooms);
            Bot bot = new Bot(lobbyUrl, "bot" + tag + "-" + i, seated[g.number()]++ == 0, g, stats, deadline, maxMatches);
            bots.add(bot);
            threads.add(Thread.ofVirtual().name("bot-" + i).start(bot));
        }
        long nextProgress = System.nanoTime();
        for (Thread t : threads) {
            while (!t.join(Duration.ofMillis(200))) {
                if (System.nanoTime() - nextProgress >= 0) {
                    out.println(stats.progress(count));
                    out.flush();
                    nextProgress = System.nanoTime() + progressEvery.toNanos();
                }
            }
        }
        out.println(stats.progress(count));
        List<String> names = new ArrayList<>();
        bots.forEach(b -> names.add(b.playerName));
        return names;
    }
}
