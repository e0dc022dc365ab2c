package dev.skirmish.lobby.players;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: presence as every node sees it, in {@code player_presence}. A node writes a player's
 * last-seen time (at most every {@link #WRITE_EVERY} per player, so a busy player is not a write per request) and
 * renews {@code connected_until} for the players whose WebSocket it holds; a node that dies stops renewing, and its
 * players count as disconnected {@code skirmish.cluster.presence-lease} later. Read by {@link PresenceRegistry} next to
 * its own maps.
 *
 * <p>Reconnect windows live here too ({@code reconnect_until}): a node whose player's last socket closes writes the
 * window's end, a new connection anywhere clears it, and a dead node's players get theirs when their lease lapses, so
 * the window outlives the node it started on ({@code ws.ClusterReconnectWindows} frees the seats, on one node).
 */
@Component
@Profile("cluster")
public class SharedPresence {
    static final Duration WRITE_EVERY = Duration.ofSeconds(5);
    /** Player ids per query of {@link #connectedAmong}: a bounded statement whatever the number of seated players. */
    static final int CHUNK = 1000;
    private static final String UPSERT = "insert into player_presence (player_id, last_seen, connected_until) values (?, ?, ?) "
            + "on conflict (player_id) do update set last_seen = greatest(player_presence.last_seen, excluded.last_seen), "
            + "connected_until = greatest(player_presence.connected_until, excluded.connected_until)";
    /** A connection (new or renewed) ends any reconnect window of the player and names the node holding it. */
    private static final String ON_CONNECTED = " on conflict (player_id) do update set "
            + "last_seen = greatest(player_presence.last_seen, excluded.last_seen), "
            + "connected_until = greatest(player_presence.connected_until, excluded.connected_until), "
            + "connected_node = excluded.connected_node, reconnect_until = null";
    private static final String CONNECTED = "insert into player_presence (player_id, last_seen, connected_until, connected_node) "
            + "values (?, ?, ?, ?)" + ON_CONNECTED;
    /** {@link #CONNECTED} for many players at once: the ids as one array, the same times and node for all. */
    private static final String RENEW = "insert into player_presence (player_id, last_seen, connected_until, connected_node) "
            + "select id, ?::timestamptz, ?::timestamptz, ?::varchar from unnest(?::varchar[]) as id" + ON_CONNECTED;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration keep;
    private final Duration lease;
    /** This process, in {@code connected_node}. */
    private final String node = java.util.UUID.randomUUID().toString();
    /** Bounded: the write throttle forgets players idle for a minute (then the next request writes again). */
    private final Cache<String, Instant> written = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    SharedPresence(JdbcTemplate jdbc, Clock clock, LobbyProperties props, ClusterProperties cluster) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lease = cluster.presenceLease();
        this.keep = props.lastSeenRead().multipliedBy(2).plus(lease);
    }

    /** How often a node renews its players: a third of the lease, so one late renewal does not drop them. */
    Duration renewEvery() {
        return lease.dividedBy(3);
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
        jdbc.update(CONNECTED, playerId, Timestamp.from(now), Timestamp.from(now.plus(lease)), node);
    }

    /** Renews the rows of the players this node holds a WebSocket of, and forgets rows nobody needs any more. */
    void renew(Set<String> connectedHere) {
        Instant now = clock.instant();
        // one statement per chunk, not a batch of one upsert per player: the same rows, without the executor's start and
        // end per row; sorted, so two nodes renewing a player both hold (moving between nodes) lock its row in one order
        for (Object[] chunk : chunks(connectedHere.stream().sorted().toList())) {
            jdbc.update(con -> {
                var ps = con.prepareStatement(RENEW);
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
                ps.setString(3, node);
                ps.setArray(4, con.createArrayOf("varchar", chunk));
                return ps;
            });
        }
        jdbc.update("delete from player_presence where last_seen < ? and (connected_until is null or connected_until < ?) "
                + "and reconnect_until is null", Timestamp.from(now.minus(keep)), Timestamp.from(now));
    }

    boolean isConnected(String playerId) {
        return !jdbc.queryForList("select 1 from player_presence where player_id = ? and connected_until > ?", Integer.class,
                playerId, Timestamp.from(clock.instant())).isEmpty();
    }

    /**
     * Of {@code playerIds}, those some node holds a socket of now: one query per {@link #CHUNK} players. The idle-seat
     * sweep asked {@link #isConnected} once per seated player of the other nodes (2,000 queries every 10 s at 4,000
     * seated players over two nodes: the lobby's largest database caller in a two-node chat run, above the chat store).
     */
    Set<String> connectedAmong(Collection<String> playerIds) {
        if (playerIds.isEmpty()) return Set.of();
        Timestamp now = Timestamp.from(clock.instant());
        Set<String> connected = new HashSet<>();
        for (Object[] chunk : chunks(List.copyOf(playerIds))) {
            connected.addAll(jdbc.query(con -> {
                var ps = con.prepareStatement("select player_id from player_presence where player_id = any(?) and connected_until > ?");
                ps.setArray(1, con.createArrayOf("varchar", chunk));
                ps.setTimestamp(2, now);
                return ps;
            }, (rs, row) -> rs.getString(1)));
        }
        return connected;
    }

    /** {@code ids} in arrays of at most {@link #CHUNK}, each one statement's array parameter. */
    private static List<Object[]> chunks(List<String> ids) {
        var chunks = new ArrayList<Object[]>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray());
        }
        return chunks;
    }

    Instant lastSeen(String playerId) {
        return jdbc.queryForList("select last_seen from player_presence where player_id = ?", Timestamp.class, playerId)
                .stream().findFirst().map(Timestamp::toInstant).orElse(null);
    }

    /**
     * The player's last socket on this node closed: this node no longer holds it, and its seat is kept until
     * {@code until} unless it connects again somewhere (another node holding a socket of it renews its row within
     * {@link #renewEvery}, which clears the window).
     */
    public void startWindow(String playerId, Instant until) {
        Instant now = clock.instant();
        jdbc.update("insert into player_presence (player_id, last_seen, connected_until, reconnect_until) values (?, ?, null, ?) "
                + "on conflict (player_id) do update set last_seen = greatest(player_presence.last_seen, excluded.last_seen), "
                + "connected_until = case when player_presence.connected_node = ? then null else player_presence.connected_until end, "
                + "reconnect_until = excluded.reconnect_until", playerId, Timestamp.from(now), Timestamp.from(until), node);
    }

    /**
     * Players whose node stopped renewing them (it died) and who have no window yet: their window starts when their
     * lease lapsed. @return how many windows were started
     */
    public int startWindowsOfLapsed(Set<String> seated, Duration window) {
        Timestamp now = Timestamp.from(clock.instant());
        int started = 0;
        for (var row : jdbc.queryForList("select player_id, connected_until from player_presence "
                + "where reconnect_until is null and connected_until < ?", now)) {
            String id = (String) row.get("player_id");
            if (!seated.contains(id)) continue;
            Instant lapsed = ((java.util.Date) row.get("connected_until")).toInstant();
            started += jdbc.update("update player_presence set reconnect_until = ? where player_id = ? and reconnect_until is null "
                    + "and connected_until < ?", Timestamp.from(lapsed.plus(window)), id, now);
        }
        return started;
    }

    /** Players whose window has ended while no node holds a socket of them. */
    public List<String> windowsOver() {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForList("select player_id from player_presence where reconnect_until < ? "
                + "and (connected_until is null or connected_until < ?)", String.class, now, now);
    }

    /** The window was dealt with (the seat freed, or nothing was left to free). */
    public void closeWindow(String playerId) {
        jdbc.update("update player_presence set reconnect_until = null where player_id = ?", playerId);
    }
}
