package dev.skirmish.gameserver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation body is read as JSON, not matched by patterns: what a pattern reader got wrong. */
class AllocationJsonTest {

    @Test
    void playersOfANestedObjectCannotBeSmuggledIntoTheMatch() {
        // a pattern looking for "players": [...] found the nested list first and seated mallory
        String body = "{\"spectators\":{\"players\":[\"mallory\"]},\"players\":[\"alice\",\"bob\"]}";
        assertThat(AllocationJson.parse(body, 180).players()).containsExactly("alice", "bob");
    }

    @Test
    void aSecondPlayersFieldIsRefusedRatherThanOneOfThemPickedSilently() {
        assertThatThrownBy(() -> AllocationJson.parse("{\"players\":[\"alice\"],\"players\":[\"mallory\"]}", 180))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void fieldsInAnyOrderWithUnknownNestedFieldsAndEscapesAreRead() {
        String body = "{ \"matchSeconds\" : 90, \"extra\": {\"players\": [\"x\"], \"n\": [1, {\"a\": null}]},\n"
                + " \"players\": [\"\\u0061lice\", \"bob\"] }";
        assertThat(AllocationJson.parse(body, 180)).isEqualTo(new Reporter.Allocation(List.of("alice", "bob"), 90));
    }

    @Test
    void malformedOrOutOfShapeBodiesAreRefusedWithAReason() {
        for (String bad : List.of("", "[]", "{\"players\": [\"alice\"]", "{\"players\": [\"alice\"]} {}",
                "{\"players\": \"alice\"}", "{\"players\": [\"alice\", 7]}", "{\"players\": [\"a,b\"]}",
                "{\"players\": [\"alice\"], \"matchSeconds\": \"90\"}",
                "{\"players\": [\"alice\"], \"matchSeconds\": 9.5}",
                "{\"players\": [\"alice\"], \"matchSeconds\": 99999999999999999999}",
                "{\"players\": [\"alice\"], \"deep\": " + "[".repeat(50) + "]".repeat(50) + "}")) {
            assertThatThrownBy(() -> AllocationJson.parse(bad, 180)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("allocation");
        }
    }

    @Test
    void theWarmUpParsesItsSample() {
        AllocationJson.warmUp();
    }

    /** The heartbeat answer's kick list: only a top-level "kick" counts, names are checked like --players. */
    @Test
    void theHeartbeatAnswersKickListIsReadAsJsonAndBadOnesAreRefused() {
        assertThat(AllocationJson.kicks("{\"kick\":[\"alice\",\"bob\"],\"later\":{\"kick\":[\"carol\"]}}"))
                .containsExactly("alice", "bob");
        assertThat(AllocationJson.kicks("{\"later\":1}")).isEmpty();
        for (String bad : List.of("", "[]", "{\"kick\":\"alice\"}", "{\"kick\":[\"a,b\"]}", "{\"kick\":[\"al ice\"]}",
                "{\"kick\":[\"alice\"],\"kick\":[\"bob\"]}", "{\"deep\": " + "[".repeat(50) + "]".repeat(50) + "}")) {
            assertThatThrownBy(() -> AllocationJson.kicks(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }
}
