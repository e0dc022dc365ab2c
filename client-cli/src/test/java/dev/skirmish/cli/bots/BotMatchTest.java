package dev.skirmish.cli.bots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.cli.game.ArenaTestServer;
import dev.skirmish.protocol.token.ConnectTokens;
import dev.skirmish.simulation.MatchPhase;
import dev.skirmish.simulation.PlayerState;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Two bots play a whole short match over real UDP against an authoritative server running the shared simulation. */
class BotMatchTest {
    @Test
    void twoBotsPlayAFullMatchToTheEnd() throws Exception {
        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = List.of("alice", "bob");
        try (ArenaTestServer server = new ArenaTestServer("s-bots", key, names, 6);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<BotMatch.Outcome>> outcomes = BotsInAMatch.play(pool, key, "s-bots", names, server.address(),
                    UnaryOperator.identity());
            for (Future<BotMatch.Outcome> f : outcomes) {
                BotMatch.Outcome o = f.get(60, TimeUnit.SECONDS);
                assertThat(o.finished()).as("saw the match end").isTrue();
                assertThat(o.lostConnection()).isFalse();
                assertThat(o.ticks()).isGreaterThan(200);
                assertThat(o.buttonsPressed()).isGreaterThan(100);
                assertThat(o.lastView().phase()).isEqualTo(2);
                assertThat(o.lastView().fighters()).hasSize(2);
            }
            assertThat(server.state().phase()).isEqualTo(MatchPhase.ENDED);
            // the bots really played: the server applied their inputs and they left their spawn points
            for (PlayerState p : server.state().players()) {
                assertThat(p.lastInputSequence()).as(p.name() + " inputs applied").isGreaterThan(200);
                PlayerState spawn = server.initial().player(p.id());
                assertThat(Math.abs(p.x() - spawn.x()) + Math.abs(p.y() - spawn.y()) + p.deaths()).as(p.name() + " moved").isGreaterThan(0);
            }
            int damage = server.state().players().stream().mapToInt(PlayerState::damageDealt).sum();
            System.out.println("bot match: damage dealt " + damage + ", players " + server.state().players());
        }
    }
}
