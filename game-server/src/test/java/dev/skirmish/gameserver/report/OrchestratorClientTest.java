package dev.skirmish.gameserver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.skirmish.gameserver.launch.UsageException;
import dev.skirmish.simulation.MatchResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrchestratorClientTest {
    private final OrchestratorClient client = new OrchestratorClient(URI.create("http://127.0.0.1:1/"), "s-1",
            "a2V5", 180);

    @Test
    void allocationBodiesAreReadAndChecked() {
        assertThat(client.parseAllocation("{\"players\": [\"alice\", \"bob\"], \"matchSeconds\": 90}"))
                .isEqualTo(new Reporter.Allocation(List.of("alice", "bob"), 90));
        assertThat(client.parseAllocation("{\"players\":[\"carol\"]}").matchSeconds()).isEqualTo(180);
        assertThatThrownBy(() -> client.parseAllocation("{\"matchSeconds\": 90}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.parseAllocation("{\"players\": [\"al ice\"]}"))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> client.parseAllocation("{\"players\": [\"a\"], \"matchSeconds\": 99999}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultJsonFollowsTheContract() {
        MatchResult result = new MatchResult(List.of(new MatchResult.PlayerScore(0, "al\"ice", 3, 1, 7),
                new MatchResult.PlayerScore(1, "bob", 1, 3, 2)), 0);
        assertThat(MatchReport.of(MatchReport.EndReason.MATCH_END, result, true, 180).toJson()).isEqualTo(
                "{\"reason\":\"MATCH_END\",\"winner\":\"al\\\"ice\",\"durationSeconds\":180.000,\"players\":["
                        + "{\"name\":\"al\\\"ice\",\"kills\":3,\"deaths\":1,\"damageDealt\":7},"
                        + "{\"name\":\"bob\",\"kills\":1,\"deaths\":3,\"damageDealt\":2}]}");
        assertThat(MatchReport.of(MatchReport.EndReason.NO_PLAYERS_CONNECTED, result, false, 0).winner()).isNull();
    }

    @Test
    void readyIsRetriedOnServerErrorsButNotOnRefusals() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                        + ex.getRequestHeaders().getFirst("Authorization") + " "
                        + ex.getRequestHeaders().getFirst("Content-Type") + " " + body);
                boolean refuse = ex.getRequestURI().getPath().contains("/s-refused/");
                int status = refuse ? 401 : failuresLeft.getAndDecrement() > 0 ? 503 : 204;
                byte[] problem = "{\"title\":\"no\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(status, status == 204 ? -1 : problem.length);
                if (status != 204) {
                    ex.getResponseBody().write(problem);
                }
            }
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            new OrchestratorClient(url, "s-1", "a2V5", 180).ready("127.0.0.1", 7001, true);
            assertThat(seen).hasSize(3).allSatisfy(call -> assertThat(call).startsWith(
                    "POST /internal/sessions/s-1/ready Bearer a2V5 application/json {\"address\":\"127.0.0.1\","
                            + "\"port\":7001,\"pid\":" + ProcessHandle.current().pid() + ",\"warm\":true}"));

            seen.clear();
            OrchestratorClient refused = new OrchestratorClient(url, "s-refused", "a2V5", 180);
            assertThatThrownBy(() -> refused.ready("127.0.0.1", 7002, false)).isInstanceOf(IllegalStateException.class);
            assertThat(seen).hasSize(1);
        } finally {
            server.stop(0);
        }
    }
}
