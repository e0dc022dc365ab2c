package dev.skirmish.gameserver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.gameserver.launch.UsageException;
import dev.skirmish.simulation.MatchResult;
import java.net.URI;
import java.util.List;
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
}
