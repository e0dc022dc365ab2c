package dev.skirmish.cli.bots;

import dev.skirmish.cli.game.GameSession;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/** Test helper: one bot per player name, each with its own connect token, playing a match within 40 s. */
final class BotsInAMatch {
    private BotsInAMatch() {
    }

    /** Each bot on {@code pool}, its datagrams to {@code route.apply(server)} (identity: straight to the server). */
    static List<Future<BotMatch.Outcome>> play(ExecutorService pool, byte[] key, String sessionId, List<String> names,
                                               InetSocketAddress server, UnaryOperator<InetSocketAddress> route) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        return names.stream().map(n -> pool.submit((Callable<BotMatch.Outcome>) () -> {
            String token = ConnectTokens.issue(key, sessionId, "id-" + n, n, server, Instant.now().plusSeconds(60));
            try (GameSession session = GameSession.connect(token, names, Duration.ofSeconds(10), route)) {
                return BotMatch.play(session, new BotBrain(), deadline);
            }
        })).toList();
    }
}
