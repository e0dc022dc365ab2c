package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.web.CurrentTrace;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The start countdowns, one per STARTING room. A countdown is running (cancellable by a leave, kick or un-ready),
 * then launching once the match starter claimed it (nothing can cancel it any more), then gone when the launch
 * reports back. Its state (id, end, launching) lives on the room's row, changed only inside {@link RoomLedger}'s room
 * changes (which hold the row's lock), so with several lobby nodes any node can claim a countdown whose node died
 * ({@link ClusterSweep}); this node keeps only the timer of the countdowns it began. Ids are random, not a counter:
 * two nodes must never hand out the same one.
 */
@Component
class Countdowns {
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final TaskScheduler scheduler;
    private final ApplicationEventPublisher publisher;
    private final LobbyProperties props;
    private final Clock clock;
    private final CurrentTrace trace;

    Countdowns(TaskScheduler lobbyScheduler, ApplicationEventPublisher publisher, LobbyProperties props, Clock clock, CurrentTrace trace) {
        this.trace = trace;
        this.scheduler = lobbyScheduler;
        this.publisher = publisher;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Starts the room's countdown; when it runs out, {@link CountdownFinished} is published with its id and the trace
     * of the request that began it (kept on the row too, for a node that takes the countdown over), so the start
     * request, the launch, the orchestrator and the game server share one trace id (docs/observability.md).
     */
    void begin(RoomEntity r) {
        long id = random.nextLong() & Long.MAX_VALUE;
        Instant endsAt = clock.instant().plus(props.countdown());
        r.setCountdown(id, endsAt, false, trace.traceparent());
        String roomId = r.getId();
        String traceparent = r.getCountdownTraceparent();
        cancelTimer(roomId);
        timers.put(roomId, scheduler.schedule(() -> {
            timers.remove(roomId);
            publisher.publishEvent(new CountdownFinished(roomId, id, traceparent));
        }, endsAt));
    }

    Duration length() {
        return props.countdown();
    }

    /** Stops the room's countdown if one runs (a launching one too: the caller decides whether that is allowed). */
    void cancel(RoomEntity r) {
        r.setCountdown(null, null, false, null);
        cancelTimer(r.getId());
    }

    /** The countdown ran out and the orchestrator is being asked: nothing can cancel it any more. */
    static boolean isLaunching(RoomEntity r) {
        return r.getCountdownId() != null && r.isLaunching();
    }

    /** Claims the finished countdown {@code id} for its launch; false if it was cancelled, replaced or claimed meanwhile. */
    boolean claim(RoomEntity r, long id) {
        if (r.getState() != RoomState.STARTING || r.getCountdownId() == null || r.getCountdownId() != id || r.isLaunching()) return false;
        r.setCountdown(id, r.getCountdownEndsAt(), true, r.getCountdownTraceparent());
        cancelTimer(r.getId());
        return true;
    }

    /** The launch reported back (started or failed): the countdown is over. */
    void finish(RoomEntity r) {
        cancel(r);
    }

    /** When the room's countdown ends, or null when none runs. */
    static Instant endsAt(RoomEntity r) {
        return r.getCountdownId() == null ? null : r.getCountdownEndsAt();
    }

    private void cancelTimer(String roomId) {
        ScheduledFuture<?> f = timers.remove(roomId);
        if (f != null) f.cancel(false);
    }
}
