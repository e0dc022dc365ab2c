package dev.skirmish.gameserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skirmish.gameserver.support.Bot;
import dev.skirmish.gameserver.support.FakeOrchestrator;
import dev.skirmish.gameserver.support.ServerProcess;
import dev.skirmish.gameserver.support.Tokens;
import dev.skirmish.protocol.connection.ClientState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged jar as the orchestrator runs it: a child process, real UDP clients, a real HTTP callback server. */
@Timeout(60)
class GameServerJarIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void badArgumentsPrintOneLineAndExitWith2() throws Exception {
        Tokens t = new Tokens("s-args");
        String[][] cases = {
                {},
                {"--session-id", "s", "--port", "70000", "--address", "127.0.0.1", "--players", "alice"},
                {"--session-id", "s", "--port", "7000", "--address", "127.0.0.1"},
                {"--session-id", "s", "--port", "7000", "--address", "127.0.0.1", "--players", "alice,alice"},
                {"--session-id", "s", "--port", "7000", "--address", "127.0.0.1", "--players", "a", "--bogus"},
                {"--session-id", "s", "--port", "7000", "--address", "127.0.0.1", "--players", "a", "--tick-rate"},
        };
        for (String[] args : cases) {
            try (ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key()), args)) {
                assertThat(p.awaitExit(WAIT)).as(String.join(" ", args)).isEqualTo(2);
                assertThat(p.stderr().strip()).startsWith("game-server: ").doesNotContain("\n").doesNotContain("Exception");
            }
        }
    }

    @Test
    void missingOrBadSessionKeyExitsWith2() throws Exception {
        String[] args = {"--session-id", "s", "--port", "0", "--address", "127.0.0.1", "--players", "alice"};
        try (ServerProcess p = new ServerProcess(Map.of(), args)) {
            assertThat(p.awaitExit(WAIT)).isEqualTo(2);
            assertThat(p.stderr()).contains("SKIRMISH_SESSION_KEY");
        }
        try (ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", "c2hvcnQ="), args)) {
            assertThat(p.awaitExit(WAIT)).isEqualTo(2);
            assertThat(p.stderr().strip()).contains("32 bytes").doesNotContain("\n");
        }
    }

    @Test
    void shortMatchPrintsReadyThenResultAndExits0() throws Exception {
        Tokens t = new Tokens("s-short");
        try (ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key()),
                "--session-id", t.sessionId, "--port", "0", "--address", "127.0.0.1", "--players", "alice,bob",
                "--match-seconds", "2")) {
            String ready = p.awaitLine("READY ", WAIT);
            assertThat(ready).matches("READY 127\\.0\\.0\\.1:\\d+ session=s-short");
            int port = port(ready);
            try (Bot alice = new Bot(t.token("alice", port)); Bot bob = new Bot(t.token("bob", port))) {
                alice.buttons.set(1); // run left
                String result = p.awaitLine("RESULT ", WAIT);
                assertThat(result).contains("\"reason\":\"MATCH_END\"")
                        .contains("{\"name\":\"alice\",\"kills\":0,\"deaths\":")
                        .contains("{\"name\":\"bob\",").contains("\"damageDealt\":");
                assertThat(p.awaitExit(WAIT)).isZero();
                await().atMost(WAIT).until(() -> alice.client.state() == ClientState.DISCONNECTED);
            }
        }
    }

    @Test
    void sigtermTellsClientsAndReportsShutdown() throws Exception {
        Tokens t = new Tokens("s-term");
        try (ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key()),
                "--session-id", t.sessionId, "--port", "0", "--address", "127.0.0.1", "--players", "alice,bob")) {
            int port = port(p.awaitLine("READY ", WAIT));
            try (Bot alice = new Bot(t.token("alice", port))) {
                await().atMost(WAIT).until(() -> alice.client.latestSnapshot() != null);
                p.terminate();
                assertThat(p.awaitLine("RESULT ", WAIT)).contains("\"reason\":\"SHUTDOWN\"");
                p.awaitExit(WAIT);
                await().atMost(WAIT).until(() -> alice.client.state() == ClientState.DISCONNECTED);
            }
        }
    }

    @Test
    void callbacksReachTheOrchestrator() throws Exception {
        Tokens t = new Tokens("s-cb");
        try (FakeOrchestrator orch = new FakeOrchestrator();
             ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key()),
                     "--session-id", t.sessionId, "--port", "0", "--address", "127.0.0.1", "--players", "alice,bob",
                     "--match-seconds", "3", "--orchestrator-url", orch.url())) {
            await().atMost(WAIT).until(() -> !orch.calls("/internal/sessions/s-cb/ready").isEmpty());
            FakeOrchestrator.Call ready = orch.calls("/ready").getFirst();
            assertThat(ready.method()).isEqualTo("POST");
            assertThat(ready.authorization()).isEqualTo("Bearer " + t.base64Key());
            assertThat(ready.body()).contains("\"address\":\"127.0.0.1\"").contains("\"warm\":false")
                    .containsPattern("\"pid\":\\d+");
            int port = Integer.parseInt(ready.body().replaceAll(".*\"port\":(\\d+).*", "$1"));
            try (Bot alice = new Bot(t.token("alice", port)); Bot bob = new Bot(t.token("bob", port))) {
                await().atMost(WAIT).until(() -> orch.calls("/heartbeat").stream()
                        .anyMatch(c -> c.body().contains("\"playersConnected\":2")
                                && c.body().contains("\"phase\":\"RUNNING\"")));
                assertThat(p.awaitExit(WAIT)).isZero();
            }
            assertThat(orch.calls("/heartbeat").getFirst().body()).contains("\"tickMsP99\":").contains("\"bytesIn\":")
                    .contains("\"missedTicks\":").contains("\"tick\":");
            FakeOrchestrator.Call result = orch.calls("/result").getFirst();
            assertThat(result.authorization()).isEqualTo("Bearer " + t.base64Key());
            assertThat(result.body()).contains("\"reason\":\"MATCH_END\"").contains("\"durationSeconds\":")
                    .contains("\"name\":\"alice\",\"kills\":").contains("\"name\":\"bob\"");
        }
    }

    @Test
    void warmServerPlaysTheMatchItIsAllocated() throws Exception {
        Tokens t = new Tokens("s-warm");
        try (FakeOrchestrator orch = new FakeOrchestrator();
             ServerProcess p = new ServerProcess(Map.of("SKIRMISH_SESSION_KEY", t.base64Key()),
                     "--session-id", t.sessionId, "--port", "0", "--address", "127.0.0.1", "--warm",
                     "--orchestrator-url", orch.url())) {
            await().atMost(WAIT).until(() -> !orch.calls("/allocation").isEmpty());
            assertThat(orch.calls("/ready").getFirst().body()).contains("\"warm\":true");
            int port = Integer.parseInt(orch.calls("/ready").getFirst().body().replaceAll(".*\"port\":(\\d+).*", "$1"));
            // waiting for its match it sleeps instead of ticking, and still heartbeats
            await().atMost(WAIT).until(() -> orch.calls("/heartbeat").size() >= 2);
            assertThat(orch.calls("/heartbeat")).allSatisfy(c -> assertThat(c.body()).contains("\"tick\":0,")
                    .contains("\"phase\":\"WAITING\""));
            orch.allocate("{\"players\": [\"carol\"], \"matchSeconds\": 1}");
            // until the allocation reaches the tick loop, carol is denied (NAME_NOT_ALLOWED): retry like a client
            Bot[] carol = new Bot[1];
            await().atMost(WAIT).ignoreExceptions().until(() -> (carol[0] = new Bot(t.token("carol", port))) != null);
            try (Bot c = carol[0]) {
                assertThat(p.awaitExit(WAIT)).isZero();
            }
            assertThat(orch.calls("/result").getFirst().body()).contains("\"reason\":\"MATCH_END\"")
                    .contains("\"winner\":\"carol\"");
            assertThat(orch.calls("/heartbeat").getLast().body()).doesNotContain("\"tick\":0,");
        }
    }

    private static int port(String readyLine) {
        return Integer.parseInt(readyLine.replaceAll(".*:(\\d+) session=.*", "$1"));
    }
}
