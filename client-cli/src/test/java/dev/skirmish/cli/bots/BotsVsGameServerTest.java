package dev.skirmish.cli.bots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.gameserver.launch.ArgsParser;
import dev.skirmish.gameserver.match.GameServer;
import dev.skirmish.gameserver.report.MatchReport;
import dev.skirmish.gameserver.report.StdoutReporter;
import dev.skirmish.protocol.netsim.NetworkConditions;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Two bots play a whole short match against the real game server (the game-server module, run in-process). */
class BotsVsGameServerTest {
    @Test
    void botsPlayAFullMatchAgainstTheRealGameServer() throws Exception {
        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = List.of("alice", "bob");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        GameServer server = new GameServer(ArgsParser.parse(new String[] {"--session-id", "s-cli", "--port", "0", "--address", "127.0.0.1",
                "--players", "alice,bob", "--match-seconds", "6"}), key, new StdoutReporter("s-cli", new PrintStream(stdout, true)));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MatchReport> report = pool.submit(server::run);
            List<Future<BotMatch.Outcome>> outcomes = BotsInAMatch.play(pool, key, "s-cli", names, address, UnaryOperator.identity());
            for (Future<BotMatch.Outcome> f : outcomes) {
                BotMatch.Outcome o = f.get(60, TimeUnit.SECONDS);
                assertThat(o.finished()).as("saw the match end").isTrue();
                assertThat(o.lostConnection()).isFalse();
                assertThat(o.buttonsPressed()).isGreaterThan(100);
                assertThat(o.lastView().fighters()).extracting(f2 -> f2.name()).containsExactlyInAnyOrder("alice", "bob");
            }
            MatchReport result = report.get(30, TimeUnit.SECONDS);
            assertThat(result.reason()).isEqualTo(MatchReport.EndReason.MATCH_END);
            assertThat(result.players()).extracting(MatchReport.PlayerLine::name).containsExactlyInAnyOrder("alice", "bob");
            assertThat(stdout.toString()).contains("READY 127.0.0.1:" + server.port()).contains("RESULT");
        } finally {
            server.requestStop();
        }
    }

    /** `skirmish bots --loss 5% --latency 50ms --jitter 10ms`: the same match, over a simulated network both ways. */
    @Test
    void botsPlayAFullMatchOverASimulatedBadNetwork() throws Exception {
        byte[] key = ConnectTokens.newSessionKey();
        List<String> names = List.of("alice", "bob");
        GameServer server = new GameServer(ArgsParser.parse(new String[] {"--session-id", "s-net", "--port", "0", "--address", "127.0.0.1",
                "--players", "alice,bob", "--match-seconds", "6"}), key, new StdoutReporter("s-net", new PrintStream(new ByteArrayOutputStream(), true)));
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
        NetworkConditions bad = NetworkConditions.of(NetworkConditions.parsePercent("5%"), NetworkConditions.parseDelay("50ms"),
                NetworkConditions.parseDelay("10ms"), 9);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor(); SimulatedNetwork network = new SimulatedNetwork(bad)) {
            assertThat(network.apply(address)).isNotEqualTo(address);
            Future<MatchReport> report = pool.submit(server::run);
            List<Future<BotMatch.Outcome>> outcomes = BotsInAMatch.play(pool, key, "s-net", names, address, network);
            for (Future<BotMatch.Outcome> f : outcomes) {
                BotMatch.Outcome o = f.get(60, TimeUnit.SECONDS);
                assertThat(o.finished()).as("saw the match end").isTrue();
                assertThat(o.lostConnection()).isFalse();
            }
            assertThat(report.get(30, TimeUnit.SECONDS).reason()).isEqualTo(MatchReport.EndReason.MATCH_END);
            assertThat(network.dropped()).as("the simulated network lost datagrams").isPositive();
        } finally {
            server.requestStop();
        }
    }
}
