package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.config.OncePerCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: the room timers that must not die with the node that set them. Every
 * {@code sweep-interval}, one node (ShedLock) expires the rooms empty for longer than {@code empty-room-ttl} and takes
 * over countdowns whose node died: a countdown {@code countdown-takeover} past its end and never claimed is finished
 * here (the claim takes the room's row lock, so the launch happens once even if the first node was only slow), and a
 * launch that never reported back in the orchestrator's time plus its wait for a leftover session is called failed.
 */
@Component
@Profile("cluster")
class ClusterSweep {
    private static final Logger log = LoggerFactory.getLogger(ClusterSweep.class);

    private final RoomLedger ledger;
    private final RoomRepository rooms;
    private final Countdowns countdowns;
    private final OncePerCluster once;
    private final ApplicationEventPublisher publisher;
    private final ClusterProperties cluster;
    private final LobbyProperties props;
    private final Clock clock;
    private ScheduledExecutorService executor;

    ClusterSweep(RoomLedger ledger, RoomRepository rooms, Countdowns countdowns, OncePerCluster once, ApplicationEventPublisher publisher,
                 ClusterProperties cluster, LobbyProperties props, Clock clock) {
        this.ledger = ledger;
        this.rooms = rooms;
        this.countdowns = countdowns;
        this.once = once;
        this.publisher = publisher;
        this.cluster = cluster;
        this.props = props;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (executor != null) return;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lobby-cluster-sweep").factory());
        long every = cluster.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                once.run("lobby-room-sweep", cluster.sweepHold(), this::sweep);
            } catch (RuntimeException e) {
                log.warn("room sweep failed; it runs again in {}", cluster.sweepInterval(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stop() {
        if (executor != null) executor.shutdownNow();
    }

    void sweep() {
        ledger.expireEmptyRooms();
        for (RoomEntity r : rooms.findCountdownsEndedBefore(false, clock.instant().minus(cluster.countdownTakeover()))) {
            log.warn("room {}: countdown ended {} ago and nobody launched it (its node stopped?); launching it here",
                    r.getId(), Duration.between(r.getCountdownEndsAt(), clock.instant()));
            // the launch continues the start request's trace kept on the row (none on a row older than V14: a new trace)
            publisher.publishEvent(new CountdownFinished(r.getId(), r.getCountdownId(), r.getCountdownTraceparent()));
        }
        Duration launchLimit = props.orchestratorTimeout().plus(props.orphanSessionWait()).plus(cluster.countdownTakeover());
        for (RoomEntity stale : rooms.findCountdownsEndedBefore(true, clock.instant().minus(launchLimit))) {
            Long id = stale.getCountdownId();
            ledger.changeIf(stale.getId(), r -> r.isLaunching() && id.equals(r.getCountdownId()), (r, ev) -> {
                countdowns.finish(r);
                r.setState(RoomState.OPEN);
                ev.add(ledger.event("START_FAILED", r, null, null, "could not start the match: the lobby node launching it stopped", Map.of()));
                return r;
            });
        }
    }
}
