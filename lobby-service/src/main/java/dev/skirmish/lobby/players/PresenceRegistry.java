package dev.skirmish.lobby.players;

import dev.skirmish.lobby.security.PlayerActivity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Who is online: open WebSocket sessions per player and the time of each player's last authenticated request. With
 * profile {@code cluster} the answers include every node's players ({@link SharedPresence}): a player connected to
 * another node keeps its name and its seat here too.
 */
@Component
public class PresenceRegistry implements PlayerActivity {
    private static final Logger log = LoggerFactory.getLogger(PresenceRegistry.class);
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Integer> sockets = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Profile cluster only, else null. */
    private final SharedPresence shared;

    public PresenceRegistry(Clock clock, ObjectProvider<SharedPresence> shared, TaskScheduler lobbyScheduler) {
        this.clock = clock;
        this.shared = shared.getIfAvailable();
        if (this.shared != null) {
            // the database work on a virtual thread: the timer threads also carry countdowns and STOMP heartbeats
            lobbyScheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("presence-renew").start(this::renewShared),
                    this.shared.renewEvery());
        }
    }

    private void renewShared() {
        try {
            shared.renew(Set.copyOf(sockets.keySet()));
        } catch (RuntimeException e) {
            log.warn("could not renew this node's players in player_presence; retrying", e);
        }
    }

    public void touch(String playerId) {
        lastSeen.put(playerId, clock.instant());
        if (shared != null) shared.seen(playerId);
    }

    /** Every authenticated REST call is a sign of life. */
    @Override
    public void seen(String playerId) {
        touch(playerId);
    }

    public Instant lastSeen(String playerId) {
        Instant here = lastSeen.get(playerId);
        Instant anywhere = shared == null ? null : shared.lastSeen(playerId);
        if (here == null) return anywhere;
        return anywhere == null || here.isAfter(anywhere) ? here : anywhere;
    }

    /** @return the number of sockets the player now has open */
    public int connected(String playerId) {
        touch(playerId);
        if (shared != null) shared.connected(playerId);
        return sockets.merge(playerId, 1, Integer::sum);
    }

    /** @return the number of sockets the player still has open */
    public int disconnected(String playerId) {
        touch(playerId);
        Integer left = sockets.computeIfPresent(playerId, (k, n) -> n <= 1 ? null : n - 1);
        return left == null ? 0 : left;
    }

    public boolean isConnected(String playerId) {
        return sockets.containsKey(playerId) || shared != null && shared.isConnected(playerId);
    }

    /**
     * {@link #isConnected} for many players at once: those of {@code playerIds} with a socket on this node or (profile
     * cluster) on any node, in one database round trip per {@link SharedPresence#CHUNK} players rather than one each.
     */
    public Set<String> connectedOf(Collection<String> playerIds) {
        Set<String> connected = new HashSet<>();
        List<String> elsewhere = new ArrayList<>();
        for (String id : playerIds) {
            if (sockets.containsKey(id)) connected.add(id);
            else elsewhere.add(id);
        }
        if (shared != null) connected.addAll(shared.connectedAmong(elsewhere));
        return connected;
    }

    /**
     * The map cleaner: forgets the last-seen time of players seen before {@code before} unless {@code keep} holds on
     * to them (seated or connected players, whose seat rules read it). @return how many players are remembered
     */
    public int forgetIdle(Instant before, Predicate<String> keep) {
        // this node's map only (its own sockets): player_presence has its own cleaner (SharedPresence.renew)
        lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(before) && !sockets.containsKey(e.getKey()) && !keep.test(e.getKey()));
        return lastSeen.size();
    }

    /** Players with at least one open WebSocket. */
    public int connectedPlayers() {
        return sockets.size();
    }
}
