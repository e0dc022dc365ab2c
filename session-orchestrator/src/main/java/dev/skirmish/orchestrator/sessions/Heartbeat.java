package dev.skirmish.orchestrator.sessions;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code POST /internal/sessions/{id}/heartbeat}, once a second. */
public record Heartbeat(@PositiveOrZero long tick, @Size(max = 16) String phase, @PositiveOrZero int playersConnected,
                        double tickMsP50, double tickMsP99, double tickMsMax, @PositiveOrZero long missedTicks,
                        @PositiveOrZero long bytesIn, @PositiveOrZero long bytesOut) {
    public boolean running() {
        return "RUNNING".equals(phase);
    }
}
