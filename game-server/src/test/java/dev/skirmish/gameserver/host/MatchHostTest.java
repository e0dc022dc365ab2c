package dev.skirmish.gameserver.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.FakeOrchestrator;
import dev.skirmish.gameserver.support.RawClient;
import dev.skirmish.gameserver.support.Tokens;
import io.netty.channel.EventLoopGroup;
import dev.skirmish.gameserver.net.UdpTransport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two real matches in one host: real UDP ports, real GameClients, callbacks to a loopback HTTP orchestrator. */
@Timeout(90)
class MatchHostTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** The host's stdout, line by line. */
    private static final class Replies extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString());
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }

        /** Lines read while waiting for another prefix: matches start in parallel, so replies come in any order. */
        private final java.util.List<String> seen = new java.util.ArrayList<>();

        String await(String prefix) throws InterruptedException {
            for (java.util.Iterator<String> it = seen.iterator(); it.hasNext(); ) {
                String l = it.next();
                if (l.startsWith(prefix)) {
                    it.remove();
                    return l;
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String l = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (l != null && l.startsWith(prefix)) {
                    return l;
                }
                if (l != null) {
                    seen.add(l);
                }
            }
            throw new AssertionError("no reply '" + prefix + "'");
        }
    }

    @Test
    void twoMatchesShareTheProcessButNotTheirPortsKeysResultsOrEnds() throws Exception {
        Replies replies = new Replies();
        EventLoopGroup loop = UdpTransport.sharedLoop();
        try (FakeOrchestrator orch = new FakeOrchestrator()) {
            MatchHost host = new MatchHost(new HostArgs("127.0.0.1", orch.url(), 60, 4),
                    new PrintStream(replies, true, StandardCharsets.US_ASCII), loop);
            Tokens a = new Tokens("match-a");
            Tokens b = new Tokens("match-b");
            int[] ports = freeUdpPorts(2);
            int portA = ports[0];
            int portB = ports[1];
            try {
                host.command(HostCommand.parse("add match-a " + portA + " 120 alice,bob " + a.base64Key()));
                host.command(HostCommand.parse("add match-b " + portB + " 120 carol,dave " + b.base64Key()));
                assertThat(replies.await("added match-a")).isEqualTo("added match-a " + portA);
                assertThat(replies.await("added match-b")).isEqualTo("added match-b " + portB);
                // each match calls back with its own key
                assertThat(orch.calls("/match-a/ready")).singleElement()
                        .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer " + a.base64Key()));
                assertThat(orch.calls("/match-b/ready")).singleElement()
                        .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer " + b.base64Key()));

                try (Bot alice = new Bot(a.token("alice", portA)); Bot carol = new Bot(b.token("carol", portB))) {
                    await().atMost(WAIT).until(() -> alice.client.latestSnapshot() != null
                            && carol.client.latestSnapshot() != null);
                    // a token of match A sealed with A's key gets nothing from match B's port
                    String crossed = a.token("bob", portB);
                    try (RawClient intruder = new RawClient(crossed)) {
                        assertThatThrownBy(intruder::challenge).isInstanceOf(AssertionError.class);
                    }

                    host.command(new HostCommand.Stop("match-a"));
                    assertThat(replies.await("ended match-a")).isEqualTo("ended match-a 0");
                    assertThat(orch.calls("/match-a/result")).singleElement()
                            .satisfies(c -> assertThat(c.body()).contains("SHUTDOWN"));
                    // match B is untouched: its heartbeats go on and carol keeps getting snapshots
                    int beats = orch.calls("/match-b/heartbeat").size();
                    long tick = carol.client.latestSnapshot().tick();
                    await().atMost(WAIT).until(() -> orch.calls("/match-b/heartbeat").size() >= beats + 2
                            && carol.client.latestSnapshot().tick() > tick + 60);
                    assertThat(orch.calls("/match-b/result")).isEmpty();

                    host.command(new HostCommand.Kill("match-b"));
                    assertThat(replies.await("ended match-b")).isEqualTo("ended match-b 137");
                    assertThat(orch.calls("/match-b/result")).isEmpty(); // killed: no result, like SIGKILL
                }
            } finally {
                host.close();
            }
        }
    }

    @Test
    void aFullHostRefusesTheNextMatchAndBadCommandsAreRefused() throws Exception {
        Replies replies = new Replies();
        try (FakeOrchestrator orch = new FakeOrchestrator()) {
            MatchHost host = new MatchHost(new HostArgs("127.0.0.1", orch.url(), 60, 1),
                    new PrintStream(replies, true, StandardCharsets.US_ASCII), UdpTransport.sharedLoop());
            try {
                Tokens a = new Tokens("one");
                host.command(HostCommand.parse("add one " + freeUdpPort() + " 60 alice " + a.base64Key()));
                replies.await("added one");
                host.command(HostCommand.parse("add two " + freeUdpPort() + " 60 bob " + new Tokens("two").base64Key()));
                assertThat(replies.await("ended two")).isEqualTo("ended two 1");
                assertThat(orch.calls("/two/ready")).isEmpty();
            } finally {
                host.close();
            }
        }
        assertThatThrownBy(() -> HostCommand.parse("add x 1 60 alice"))
                .hasMessageNotContaining("alice");
        assertThatThrownBy(() -> HostCommand.parse("launch-shell now")).hasMessage("unknown command");
        assertThatThrownBy(() -> HostCommand.parse("stop " + "x".repeat(65))).hasMessage("bad session id");
        assertThatThrownBy(() -> HostCommand.parse("x".repeat(HostCommand.MAX_LINE + 1)))
                .hasMessageContaining("longer than");
    }

    /** The orchestrator kills a match whose start is still under way (READY timeout): it must not play on. */
    @Test
    void aKillDuringTheStartEndsTheMatchOnceItIsIn() throws Exception {
        Replies replies = new Replies();
        try (FakeOrchestrator orch = new FakeOrchestrator()) {
            MatchHost host = new MatchHost(new HostArgs("127.0.0.1", orch.url(), 60, 2),
                    new PrintStream(replies, true, StandardCharsets.US_ASCII), UdpTransport.sharedLoop());
            try {
                host.command(HostCommand.parse("add early " + freeUdpPort() + " 60 alice "
                        + new Tokens("early").base64Key()));
                host.command(new HostCommand.Kill("early"));
                assertThat(replies.await("ended early")).isEqualTo("ended early 137");
                int beats = orch.calls("/early/heartbeat").size();
                await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
                assertThat(orch.calls("/early/heartbeat")).hasSize(beats); // no longer ticking
            } finally {
                host.close();
            }
        }
    }

    /**
     * A kill during the start, and then the start fails (here: no orchestrator takes READY; on a loaded machine, a
     * READY call that timed out): the orchestrator asked for a kill and hears "killed", not a crash it would count
     * against the match. Without the rule this ended "1" (seen at load 21).
     */
    @Test
    void aKillDuringAStartThatThenFailsEndsAsKilled() throws Exception {
        Replies replies = new Replies();
        MatchHost host = new MatchHost(new HostArgs("127.0.0.1", "http://127.0.0.1:9", 60, 2),
                new PrintStream(replies, true, StandardCharsets.US_ASCII), UdpTransport.sharedLoop());
        try {
            host.command(HostCommand.parse("add doomed " + freeUdpPort() + " 60 alice " + new Tokens("doomed").base64Key()));
            host.command(new HostCommand.Kill("doomed"));
            assertThat(replies.await("ended doomed")).isEqualTo("ended doomed 137");
        } finally {
            host.close();
        }
    }

    private static int freeUdpPort() throws Exception {
        return freeUdpPorts(1)[0];
    }

    /** Distinct ports: all held at once while chosen (one after the other, the kernel may hand the same one twice). */
    private static int[] freeUdpPorts(int n) throws Exception {
        DatagramSocket[] held = new DatagramSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                held[i] = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                ports[i] = held[i].getLocalPort();
            }
            return ports;
        } finally {
            for (DatagramSocket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
