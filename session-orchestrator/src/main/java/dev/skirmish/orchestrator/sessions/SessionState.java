package dev.skirmish.orchestrator.sessions;

/**
 * REQUESTED → STARTING → READY → RUNNING → ENDED | FAILED | CRASHED. UNHEALTHY is the short step between a
 * server that stopped heartbeating and its kill (it then becomes CRASHED).
 */
public enum SessionState {
    REQUESTED, STARTING, READY, RUNNING, UNHEALTHY, ENDED, FAILED, CRASHED;

    public boolean terminal() {
        return this == ENDED || this == FAILED || this == CRASHED;
    }

    /** Reported READY at some point: an exit from here is a crash, not a failed start. */
    public boolean started() {
        return this == READY || this == RUNNING || this == UNHEALTHY;
    }
}
