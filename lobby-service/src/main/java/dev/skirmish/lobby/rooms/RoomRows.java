package dev.skirmish.lobby.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A room's row and seats in plain JDBC, for the change that adds seats (a join: {@link RoomLedger#addSeats}). Through
 * JPA a join was a row lock, a load of the room with its seats through Spring Data and Hibernate, a dirty check and a
 * collection flush; a profile of a warmed lobby (docs/benchmarks.md) spent more than half of a room join's CPU there.
 * Here it is one {@code select ... for update} of the row (the lock and the read in one statement), one select of
 * the seats and one insert per new seat. The row lock is taken only with profile {@code cluster}, where other nodes
 * change the same rows: on one node {@link RoomLock} already orders every change of a room, and H2 parses a
 * {@code select ... for update} again on every call (its query cache keeps no locking statement), the largest single
 * cost of a join's database work in a profile (docs/benchmarks.md, "Join latency by side"). A new room ({@link RoomLedger#create}) is one insert of the row and one of its
 * owner's seat, where {@code saveAndFlush} went through Hibernate's persist, flush and collection insert. Every other
 * room change stays with JPA.
 */
@Component
class RoomRows {
    private static final String ROOM = "select id, name, owner_id, capacity, private_room, join_code, state, created_at, "
            + "empty_since, session_id, match_id, match_seconds, countdown_id, countdown_ends_at, launching, "
            + "countdown_traceparent, home_node from rooms where id = ?";
    private static final String SEATS = "select player_id, player_name, ready, joined_at from room_seats where room_id = ? "
            + "order by seat_order";

    private static final String INSERT_ROOM = "insert into rooms (id, name, owner_id, capacity, private_room, join_code, state, "
            + "created_at, empty_since, session_id, match_id, match_seconds, countdown_id, countdown_ends_at, launching, "
            + "countdown_traceparent, home_node) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SEAT = "insert into room_seats (room_id, seat_order, player_id, player_name, ready, joined_at) "
            + "values (?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    /** The room's read: with its row lock where other nodes change rooms too (profile cluster), plain otherwise. */
    private final String roomQuery;

    RoomRows(JdbcTemplate jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.roomQuery = environment.matchesProfiles("cluster") ? ROOM + " for update" : ROOM;
    }

    String roomQuery() {
        return roomQuery;
    }

    /**
     * Reads the room with its seats in join order, with profile cluster under the room's row lock for the rest of the
     * transaction (other nodes' changes of the room wait, as with {@link SeatIndex#lockRoom}); empty if the room is
     * gone. Called under {@link RoomLock}, which orders this node's changes.
     */
    Optional<RoomEntity> lockAndLoad(String roomId) {
        List<RoomEntity> found = jdbc.query(roomQuery, (rs, n) -> room(rs), roomId);
        if (found.isEmpty()) return Optional.empty();
        RoomEntity r = found.getFirst();
        r.getSeats().addAll(jdbc.query(SEATS, (rs, n) -> new Seat(rs.getString(1), rs.getString(2), rs.getBoolean(3), instant(rs, 4)), roomId));
        return Optional.of(r);
    }

    /** Stores a new room with every field and its seats in order (a second room with the same id or code fails). */
    void insert(RoomEntity r) {
        jdbc.update(INSERT_ROOM, r.getId(), r.getName(), r.getOwnerId(), r.getCapacity(), r.isPrivateRoom(), r.getJoinCode(),
                r.getState().name(), timestamp(r.getCreatedAt()), timestamp(r.getEmptySince()), r.getSessionId(), r.getMatchId(),
                r.getMatchSeconds(), r.getCountdownId(), timestamp(r.getCountdownEndsAt()), r.isLaunching(), r.getCountdownTraceparent(),
                r.getHomeNode());
        for (int i = 0; i < r.getSeats().size(); i++) insertSeat(r.getId(), i, r.getSeats().get(i));
    }

    /** What {@link #storeAddedSeats} compares against: the room as it was read. */
    record Before(int seatCount, List<Seat> seats, String ownerId, Instant emptySince, RoomState state) {
        static Before of(RoomEntity r) {
            return new Before(r.getSeats().size(), List.copyOf(r.getSeats()), r.getOwnerId(), r.getEmptySince(), r.getState());
        }

        Set<String> playerIds() {
            return seats.stream().map(Seat::getPlayerId).collect(Collectors.toSet());
        }
    }

    /**
     * Writes what a seat-adding change did: the seats appended after the ones read, and the owner and empty-since of
     * a room revived by its first joiner. Anything else changed is a programming error (that change belongs on
     * {@link RoomLedger#change}), refused before anything is written, so the transaction rolls back.
     */
    void storeAddedSeats(Before before, RoomEntity after) {
        List<Seat> now = after.getSeats();
        boolean kept = now.size() >= before.seatCount();
        for (int i = 0; kept && i < before.seatCount(); i++) kept = now.get(i) == before.seats().get(i);
        if (!kept || after.getState() != before.state()) {
            throw new IllegalStateException("room " + after.getId() + ": a change through addSeats may only add seats");
        }
        for (int i = before.seatCount(); i < now.size(); i++) {
            insertSeat(after.getId(), i, now.get(i));
        }
        if (!Objects.equals(before.ownerId(), after.getOwnerId()) || !Objects.equals(before.emptySince(), after.getEmptySince())) {
            jdbc.update("update rooms set owner_id = ?, empty_since = ? where id = ?",
                    after.getOwnerId(), timestamp(after.getEmptySince()), after.getId());
        }
    }

    private void insertSeat(String roomId, int order, Seat s) {
        jdbc.update(INSERT_SEAT, roomId, order, s.getPlayerId(), s.getPlayerName(), s.isReady(), timestamp(s.getJoinedAt()));
    }

    private static RoomEntity room(ResultSet rs) throws SQLException {
        return RoomEntity.fromRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getString(6),
                RoomState.valueOf(rs.getString(7)), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11), rs.getInt(12),
                rs.getObject(13, Long.class), instant(rs, 14), rs.getBoolean(15), rs.getString(16), rs.getString(17),
                List.of());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime timestamp(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
