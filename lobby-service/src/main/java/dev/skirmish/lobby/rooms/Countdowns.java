package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.LobbyProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The running start countdowns, one per STARTING room. A countdown is running (cancellable by a leave, kick or
 * un-ready), then launching once the match starter claimed it (nothing can cancel it any more), then gone when the
 * launch reports back. Changes come only from {@link RoomLedger}'s and {@link RoomStarts}'s room changes, which hold
 * the ledger's lock, so a countdown and its room's state never disagree; reads (a room's view) need no lock. They do
 * not survive a restart: {@link RoomLedger#recover} reopens STARTING rooms.
 */
@Component
class Countdowns {
    /** A null future means launching. */
    private record Countdown(long id, Instant endsAt, ScheduledFuture<?> future) {
    }

    private final Map<String, Countdown> running = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final TaskScheduler scheduler;
    private final ApplicationEventPublisher publisher;
    private final LobbyProperties props;
    private final Clock clock;

    Countdowns(TaskScheduler lobbyScheduler, ApplicationEventPublisher publisher, LobbyProperties props, Clock clock) {
        this.scheduler = lobbyScheduler;
        this.publisher = publisher;
        this.props = props;
        this.clock = clock;
    }

    /** Starts the room's countdown; when it runs out, {@link CountdownFinished} is published with its id. */
    void begin(String roomId) {
        long id = sequence.incrementAndGet();
        Instant endsAt = clock.instant().plus(props.countdown());
        var future = scheduler.schedule(() -> publisher.publishEvent(new CountdownFinished(roomId, id)), endsAt);
        running.put(roomId, new Countdown(id, endsAt, future));
    }

    Duration length() {
        return props.countdown();
    }

    /** Stops the room's countdown if one runs (a launching one too: the caller decides whether that is allowed). */
    void cancel(String roomId) {
        Countdown c = running.remove(roomId);
        if (c != null && c.future() != null) c.future().cancel(false);
    }

    /** The countdown ran out and the orchestrator is being asked: nothing can cancel it any more. */
    boolean isLaunching(String roomId) {
        Countdown c = running.get(roomId);
        return c != null && c.future() == null;
    }

    /** Claims the finished countdown {@code id} for its launch; false if it was cancelled (or replaced) meanwhile. */
    boolean claim(String roomId, long id) {
        Countdown c = running.get(roomId);
        if (c == null || c.id() != id) return false;
        running.put(roomId, new Countdown(c.id(), c.endsAt(), null));
        return true;
    }

    /** The launch reported back (started or failed): the countdown is over. */
    void finish(String roomId) {
        running.remove(roomId);
    }

    /** When the room's countdown ends, or null when none runs. */
    Instant endsAt(String roomId) {
        Countdown c = running.get(roomId);
        return c == null ? null : c.endsAt();
    }
}
