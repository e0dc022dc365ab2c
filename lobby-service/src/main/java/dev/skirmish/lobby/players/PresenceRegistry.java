package dev.skirmish.lobby.players;

import dev.skirmish.lobby.security.PlayerActivity;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/** Who is online: open WebSocket sessions per player and the time of each player's last authenticated request. */
@Component
public class PresenceRegistry implements PlayerActivity {
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Integer> sockets = new ConcurrentHashMap<>();
    private final Clock clock;

    public PresenceRegistry(Clock clock) {
        this.clock = clock;
    }

    public void touch(String playerId) {
        lastSeen.put(playerId, clock.instant());
    }

    /** Every authenticated REST call is a sign of life. */
    @Override
    public void seen(String playerId) {
        touch(playerId);
    }

    public Instant lastSeen(String playerId) {
        return lastSeen.get(playerId);
    }

    /** @return the number of sockets the player now has open */
    public int connected(String playerId) {
        touch(playerId);
        return sockets.merge(playerId, 1, Integer::sum);
    }

    /** @return the number of sockets the player still has open */
    public int disconnected(String playerId) {
        touch(playerId);
        Integer left = sockets.computeIfPresent(playerId, (k, n) -> n <= 1 ? null : n - 1);
        return left == null ? 0 : left;
    }

    public boolean isConnected(String playerId) {
        return sockets.containsKey(playerId);
    }

    /**
     * The map cleaner: forgets the last-seen time of players seen before {@code before} unless {@code keep} holds on
     * to them (seated or connected players, whose seat rules read it). @return how many players are remembered
     */
    public int forgetIdle(Instant before, Predicate<String> keep) {
        lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(before) && !isConnected(e.getKey()) && !keep.test(e.getKey()));
        return lastSeen.size();
    }

    /** Players with at least one open WebSocket. */
    public int connectedPlayers() {
        return sockets.size();
    }
}
