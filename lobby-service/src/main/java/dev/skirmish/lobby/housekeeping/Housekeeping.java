package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.config.OncePerCluster;
import dev.skirmish.lobby.limits.LimitProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the retention, repair and idle-seat jobs on a thread of their own: the repair job waits on the orchestrator
 * and the retention jobs on the database, and neither may hold up the lobby's timer threads (countdowns, STOMP
 * heartbeats). Each job runs with a fixed delay, so a slow run never overlaps the next.
 */
@Component
public class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final RetentionJobs retention;
    private final RoomRepair repair;
    private final IdleSeats idleSeats;
    private final HousekeepingProperties props;
    private final LimitProperties limits;
    private final OncePerCluster once;
    private ScheduledExecutorService executor;

    Housekeeping(RetentionJobs retention, RoomRepair repair, IdleSeats idleSeats, HousekeepingProperties props, LimitProperties limits,
                 OncePerCluster once) {
        this.once = once;
        this.retention = retention;
        this.repair = repair;
        this.idleSeats = idleSeats;
        this.props = props;
        this.limits = limits;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (executor != null) return;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lobby-housekeeping").factory());
        every(props.retentionInterval(), Duration.ofMinutes(1), "retention", retention::runAll);
        every(props.repairInterval(), props.repairInterval(), "repair", repair::runOnce);
        // a quarter of the TTL: an idle seat goes at most 25% late
        Duration sweep = limits.idleRoomTtl().dividedBy(4);
        sweep = sweep.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : sweep.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : sweep;
        every(sweep, sweep, "idle seats", idleSeats::sweep);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (executor != null) executor.shutdownNow();
    }

    private void every(Duration interval, Duration firstDelay, String name, Runnable job) {
        if (interval.isZero() || interval.isNegative()) return;
        executor.scheduleWithFixedDelay(() -> {
            try {
                // with several lobby nodes, one of them runs each job at a time
                once.run("lobby-" + name.replace(' ', '-'), interval.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : interval, job);
            } catch (RuntimeException e) {
                log.warn("housekeeping job '{}' failed; it runs again in {}", name, interval, e);
            }
        }, Math.min(firstDelay.toMillis(), interval.toMillis()), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
