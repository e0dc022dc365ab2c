package dev.skirmish.orchestrator.launch.agones;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GameServerWatchTest {
    /** Each delete as name and grace period ("null": the pod's own). */
    private final List<String> deletes = new ArrayList<>();
    private final GameServerWatch watch = new GameServerWatch((name, grace) -> deletes.add(name + " grace " + grace));

    /**
     * The race CI once lost: the sweep asked Kubernetes for the list, a second match was allocated (and its
     * GameServer watched) before the answer came back, and the answer did not have it yet. Judging that GameServer
     * by the older list ended a healthy match before it reported READY ("exited before READY", 502).
     */
    @Test
    void aGameServerWatchedWhileTheListingIsInFlightIsNotEndedByIt() {
        GameServerHandle first = watch.watch("gs-1");
        GameServerHandle[] second = new GameServerHandle[1];
        watch.sweep(() -> {
            second[0] = watch.watch("gs-2"); // allocated while the list request is on its way
            return Map.of("gs-1", "Allocated");
        });
        assertThat(first.isAlive()).isTrue();
        assertThat(second[0].isAlive()).as("judged by a listing older than its allocation").isTrue();

        // the next listing has it: still alive; one without it ends it
        watch.sweep(() -> Map.of("gs-1", "Allocated", "gs-2", "Allocated"));
        assertThat(second[0].isAlive()).isTrue();
        watch.sweep(() -> Map.of("gs-1", "Allocated"));
        assertThat(second[0].exit()).isCompletedWithValue(-1);
        assertThat(watch.size()).isEqualTo(1);
    }

    @Test
    void endedStatesCompleteTheExitWithTheirCode() {
        GameServerHandle shutdown = watch.watch("gs-shutdown");
        GameServerHandle unhealthy = watch.watch("gs-unhealthy");
        GameServerHandle error = watch.watch("gs-error");
        GameServerHandle gone = watch.watch("gs-gone");
        GameServerHandle running = watch.watch("gs-running");
        watch.sweep(() -> Map.of("gs-shutdown", "Shutdown", "gs-unhealthy", "Unhealthy", "gs-error", "Error",
                "gs-running", "Allocated"));
        assertThat(shutdown.exit()).isCompletedWithValue(0);
        assertThat(unhealthy.exit()).isCompletedWithValue(1);
        assertThat(error.exit()).isCompletedWithValue(1);
        assertThat(gone.exit()).isCompletedWithValue(-1);
        assertThat(running.isAlive()).isTrue();
        assertThat(watch.size()).isEqualTo(1);
    }

    @Test
    void aFailedListingEndsNothing() {
        GameServerHandle h = watch.watch("gs-1");
        watch.sweep(() -> {
            throw new IllegalStateException("API server unreachable");
        });
        assertThat(h.isAlive()).isTrue();
    }

    @Test
    void stopsGoThroughAgonesDeletes() {
        GameServerHandle h = watch.watch("gs-1");
        h.terminate();
        h.kill();
        assertThat(deletes).containsExactly("gs-1 grace null", "gs-1 grace 0");
        assertThat(watch.watch("gs-1")).isSameAs(h);
    }
}
