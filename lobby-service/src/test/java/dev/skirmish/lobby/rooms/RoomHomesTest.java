package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.ClusterProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room affinity's hint (docs/scaling.md, docs/lobby-api.md): {@code "node"} appears only with profile cluster and a
 * node name, only as a stored node name, and is absent (not null) otherwise, so without the profile no answer changes
 * by a byte.
 */
class RoomHomesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RoomHomes homes(String nodeName, String... profiles) {
        var env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        var cluster = new ClusterProperties("127.0.0.1", 61613, "guest", "guest", "/", Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), "node", Duration.ofSeconds(2), true,
                Duration.ofMillis(2), 32768, 64, 4L * 1024 * 1024, true, nodeName);
        return new RoomHomes(cluster, env);
    }

    private static RoomView view() {
        return new RoomView("r1", "room", "alice", "a1", List.of(new RoomView.PlayerView("a1", "alice", false)), 4, RoomState.OPEN,
                false, null, 180, null, null, null);
    }

    @Test
    void withProfileClusterAndANameTheAnswerNamesTheHome() {
        RoomHomes homes = homes("lobby-one", "cluster");
        assertThat(homes.mine()).isEqualTo("lobby-one");
        RoomView hinted = homes.hinted(view(), "lobby-two");
        assertThat(hinted.node()).isEqualTo("lobby-two");
        assertThat(JSON.writeValueAsString(hinted)).endsWith(",\"sessionId\":null,\"node\":\"lobby-two\"}");
        // a broadcast never carries it
        assertThat(hinted.withoutCode().node()).isNull();
    }

    @Test
    void withoutTheProfileOrANameNothingIsStoredAndNoAnswerChanges() {
        for (RoomHomes homes : new RoomHomes[] {homes("lobby-one"), homes("lobby-one", "postgres"), homes(null, "cluster")}) {
            assertThat(homes.mine()).isNull();
            assertThat(homes.hinted(view(), "lobby-two")).isEqualTo(view());
        }
        // the answer as it was before the field existed: "node" absent, not null
        assertThat(JSON.writeValueAsString(view())).doesNotContain("node").endsWith(",\"startsAt\":null,\"sessionId\":null}");
    }

    @Test
    void aStoredValueThatIsNotANodeNameIsNoHint() {
        RoomHomes homes = homes("lobby-one", "cluster");
        for (String stored : new String[] {null, "", "a".repeat(33), "lobby two", "x\r\ny", "<b>"}) {
            assertThat(homes.hinted(view(), stored).node()).as(String.valueOf(stored)).isNull();
        }
    }
}
