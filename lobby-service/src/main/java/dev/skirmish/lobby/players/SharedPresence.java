package dev.skirmish.lobby.players;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.skirmish.lobby.config.LobbyProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: presence as every node sees it, in {@code player_presence}. A node writes a player's
 * last-seen time (at most every {@link #WRITE_EVERY} per player, so a busy player is not a write per request) and
 * renews {@code connected_until} for the players whose WebSocket it holds; a node that dies stops renewing, and its
 * players count as disconnected {@link #CONNECTED_FOR} later. Read by {@link PresenceRegistry} next to its own maps.
 */
@Component
@Profile("cluster")
public class SharedPresence {
    static final Duration WRITE_EVERY = Duration.ofSeconds(5);
    static final Duration CONNECTED_FOR = Duration.ofSeconds(30);
    private static final String UPSERT = "insert into player_presence (player_id, last_seen, connected_until) values (?, ?, ?) "
            + "on conflict (player_id) do update set last_seen = greatest(player_presence.last_seen, excluded.last_seen), "
            + "connected_until = greatest(player_presence.connected_until, excluded.connected_until)";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration keep;
    /** Bounded: the write throttle forgets players idle for a minute (then the next request writes again). */
    private final Cache<String, Instant> written = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    SharedPresence(JdbcTemplate jdbc, Clock clock, LobbyProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        Duration longest = props.nameHold().compareTo(props.reconnectWindow()) > 0 ? props.nameHold() : props.reconnectWindow();
        this.keep = longest.multipliedBy(2).plus(CONNECTED_FOR);
    }

    void seen(String playerId) {
        Instant now = clock.instant();
        Instant last = written.getIfPresent(playerId);
        if (last != null && last.plus(WRITE_EVERY).isAfter(now)) return;
        written.put(playerId, now);
        jdbc.update(UPSERT, playerId, Timestamp.from(now), null);
    }

    void connected(String playerId) {
        Instant now = clock.instant();
        jdbc.update(UPSERT, playerId, Timestamp.from(now), Timestamp.from(now.plus(CONNECTED_FOR)));
    }

    /** Renews the rows of the players this node holds a WebSocket of, and forgets rows nobody needs any more. */
    void renew(Set<String> connectedHere) {
        Instant now = clock.instant();
        List<Object[]> rows = connectedHere.stream()
                .map(id -> new Object[] {id, Timestamp.from(now), Timestamp.from(now.plus(CONNECTED_FOR))}).toList();
        if (!rows.isEmpty()) jdbc.batchUpdate(UPSERT, rows);
        jdbc.update("delete from player_presence where last_seen < ? and (connected_until is null or connected_until < ?)",
                Timestamp.from(now.minus(keep)), Timestamp.from(now));
    }

    boolean isConnected(String playerId) {
        return !jdbc.queryForList("select 1 from player_presence where player_id = ? and connected_until > ?", Integer.class,
                playerId, Timestamp.from(clock.instant())).isEmpty();
    }

    Instant lastSeen(String playerId) {
        return jdbc.queryForList("select last_seen from player_presence where player_id = ?", Timestamp.class, playerId)
                .stream().findFirst().map(Timestamp::toInstant).orElse(null);
    }
}
