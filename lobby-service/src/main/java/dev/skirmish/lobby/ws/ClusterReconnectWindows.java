package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.config.OncePerCluster;
import dev.skirmish.lobby.players.SharedPresence;
import dev.skirmish.lobby.rooms.RoomService;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: reconnect windows that outlive the node they started on. A node's timer would die with the
 * node, so the window's end is stored ({@code player_presence.reconnect_until}, {@link SharedPresence}) and, every
 * {@code sweep-interval}, one node (ShedLock, as the room sweep) frees the seats of players whose window is over and
 * whom no node holds: the leave takes the room's row lock and finds the seat once, so there is one {@code LEFT} event.
 * A dead node's players get their window when their presence lease lapses.
 */
@Component
@Profile("cluster")
class ClusterReconnectWindows {
    private static final Logger log = LoggerFactory.getLogger(ClusterReconnectWindows.class);

    private final SharedPresence presence;
    private final RoomService rooms;
    private final OncePerCluster once;
    private final ClusterProperties cluster;
    private final LobbyProperties props;
    private final Clock clock;
    private ScheduledExecutorService executor;

    ClusterReconnectWindows(SharedPresence presence, RoomService rooms, OncePerCluster once, ClusterProperties cluster,
                            LobbyProperties props, Clock clock) {
        this.presence = presence;
        this.rooms = rooms;
        this.once = once;
        this.cluster = cluster;
        this.props = props;
        this.clock = clock;
    }

    /** The player's last socket on this node closed while it holds a seat. */
    void start(String playerId) {
        presence.startWindow(playerId, clock.instant().plus(props.reconnectWindow()));
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void startSweeping() {
        if (executor != null) return;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lobby-reconnect-windows").factory());
        long every = cluster.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                once.run("lobby-reconnect-windows", cluster.sweepHold(), this::sweep);
            } catch (RuntimeException e) {
                log.warn("reconnect-window sweep failed; it runs again in {}", cluster.sweepInterval(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    synchronized void stopSweeping() {
        if (executor != null) executor.shutdownNow();
    }

    void sweep() {
        Set<String> seated = rooms.seatedPlayers();
        presence.startWindowsOfLapsed(seated, props.reconnectWindow());
        for (String playerId : presence.windowsOver()) {
            if (seated.contains(playerId)) {
                log.info("player {} did not come back within {} on any node; it leaves its room", playerId, props.reconnectWindow());
                rooms.leaveAfterDisconnect(playerId);
            }
            presence.closeWindow(playerId);
        }
    }
}
