package dev.skirmish.gameserver.report;

import java.util.List;
import java.util.Optional;

/** Where the server's lifecycle goes: the orchestrator's callbacks, or stdout lines when run by hand. */
public interface Reporter {
    /** The UDP port is bound. Throws when the orchestrator cannot be told (the server then exits). */
    void ready(String address, int port, boolean warm);

    /** Fire and forget: a lost heartbeat is replaced by the next one a second later. */
    void heartbeat(Heartbeat heartbeat);

    /** Blocks until delivered or given up (a few retries): the result must not be lost silently. */
    void result(MatchReport report);

    /**
     * In-game names the orchestrator told this server to kick (its heartbeat answer), the whole list each time
     * (applying a kick twice changes nothing). Read by the tick thread: must not block.
     */
    default List<String> kicks() {
        return List.of();
    }

    /** Warm servers: one long poll; empty means "nothing yet, ask again". */
    Optional<Allocation> awaitAllocation() throws InterruptedException;

    record Allocation(List<String> players, int matchSeconds) {
    }
}
