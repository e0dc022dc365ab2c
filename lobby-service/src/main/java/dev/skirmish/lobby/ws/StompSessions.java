package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.rooms.RoomService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Tracks STOMP sessions per player. When a player's last socket closes, its seat is kept for the reconnect
 * window; a new CONNECT within the window keeps it, otherwise the player leaves its room. With profile
 * {@code cluster} the window is not a timer of this node (it would die with it) but a deadline in PostgreSQL that
 * {@link ClusterReconnectWindows} enforces on one node, and a CONNECT on any node ends it.
 */
@Component
public class StompSessions implements ApplicationListener<SessionConnectedEvent> {
    private static final Logger log = LoggerFactory.getLogger(StompSessions.class);

    private final Map<String, String> playerOfSession = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pendingLeaves = new ConcurrentHashMap<>();
    private final PresenceRegistry presence;
    private final RoomService rooms;
    private final TaskScheduler scheduler;
    private final LobbyProperties props;
    /** Profile cluster only, else null. */
    private final ClusterReconnectWindows shared;
    private volatile boolean closing;

    public StompSessions(PresenceRegistry presence, RoomService rooms, TaskScheduler lobbyScheduler, LobbyProperties props,
                         ObjectProvider<ClusterReconnectWindows> shared) {
        this.presence = presence;
        this.rooms = rooms;
        this.scheduler = lobbyScheduler;
        this.props = props;
        this.shared = shared.getIfAvailable();
    }

    public String playerOf(String sessionId) {
        return sessionId == null ? null : playerOfSession.get(sessionId);
    }

    /**
     * Every STOMP join's CONNECTED passes here: a typed listener, called directly, where an {@code @EventListener}
     * method went through Spring's reflective adapter (its condition check, argument resolution and
     * {@code Method.invoke}: about as much as the method's own work, issue 19).
     */
    @Override
    public void onApplicationEvent(SessionConnectedEvent e) {
        connected(e);
    }

    void connected(SessionConnectedEvent e) {
        if (!(e.getUser() instanceof PlayerAuthentication user)) return;
        String sessionId = (String) e.getMessage().getHeaders().get("simpSessionId");
        playerOfSession.put(sessionId, user.getName());
        presence.connected(user.getName());
        var pending = pendingLeaves.remove(user.getName());
        if (pending != null) {
            pending.cancel(false);
            log.debug("player {} reconnected within the window and keeps its seat", user.getName());
        }
    }

    @EventListener
    public void disconnected(SessionDisconnectEvent e) {
        String playerId = playerOfSession.remove(e.getSessionId());
        if (playerId == null) return;
        if (presence.disconnected(playerId) > 0 || rooms.roomOf(playerId).isEmpty()) return;
        if (closing) return; // the lobby is stopping and closes every socket: seats are stored and survive the restart
        log.debug("player {} disconnected; seat kept for {}", playerId, props.reconnectWindow());
        if (shared != null) {
            shared.start(playerId);
            return;
        }
        try {
            holdSeat(playerId, () -> windowExpired(playerId));
        } catch (TaskRejectedException shuttingDown) {
            log.debug("scheduler stopped; player {} keeps its seat", playerId);
        }
    }

    /**
     * After a restart nobody is connected yet, but seats came back from the database: every seated player gets the
     * same reconnect window as after a dropped socket, so a player who never comes back does not hold a seat forever.
     * Any sign of life counts here (a STOMP CONNECT or an authenticated REST call): players of scripted clients
     * never open a socket, and keep their seats as they did before the restart.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void startWindowsForRecoveredSeats() {
        // in a cluster the seats are every node's: their windows start when their node's presence lease lapses
        if (shared != null) return;
        int waiting = 0;
        for (String playerId : rooms.seatedPlayers()) {
            if (presence.isConnected(playerId) || pendingLeaves.containsKey(playerId)) continue;
            holdSeat(playerId, () -> recoveredWindowExpired(playerId));
            waiting++;
        }
        if (waiting > 0) {
            log.info("{} seated players from before the restart have {} to reconnect", waiting, props.reconnectWindow());
        }
    }

    @EventListener(ContextClosedEvent.class)
    public void closing() {
        closing = true;
    }

    /** Keeps the player's seat for the reconnect window, then runs the given check. */
    private void holdSeat(String playerId, Runnable windowEnd) {
        pendingLeaves.put(playerId, scheduler.schedule(windowEnd, java.time.Instant.now().plus(props.reconnectWindow())));
    }

    private void recoveredWindowExpired(String playerId) {
        pendingLeaves.remove(playerId);
        if (presence.isConnected(playerId) || presence.lastSeen(playerId) != null) return;
        log.info("player {} did not come back within {} after the restart", playerId, props.reconnectWindow());
        rooms.leaveAfterDisconnect(playerId);
    }

    private void windowExpired(String playerId) {
        pendingLeaves.remove(playerId);
        if (presence.isConnected(playerId)) return;
        rooms.leaveAfterDisconnect(playerId);
    }
}
