package dev.skirmish.lobby.rooms;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code seat_claims} table: one row per seated player, whose primary key is what keeps a player in one room at
 * most, on every lobby node (a second claim fails inside the change that tried it, which then rolls back). Written
 * only inside {@link RoomLedger}'s changes, in their transaction; read where a node's memory may be stale.
 */
@Component
class SeatClaims {
    private final JdbcTemplate jdbc;

    SeatClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void claim(String playerId, String roomId) {
        jdbc.update("insert into seat_claims (player_id, room_id) values (?, ?)", playerId, roomId);
    }

    void release(String playerId, String roomId) {
        jdbc.update("delete from seat_claims where player_id = ? and room_id = ?", playerId, roomId);
    }

    Optional<String> roomOf(String playerId) {
        List<String> ids = jdbc.queryForList("select room_id from seat_claims where player_id = ?", String.class, playerId);
        return ids.stream().findFirst();
    }

    Set<String> playersIn(String roomId) {
        return Set.copyOf(jdbc.queryForList("select player_id from seat_claims where room_id = ?", String.class, roomId));
    }

    Set<String> seatedPlayers() {
        return Set.copyOf(jdbc.queryForList("select player_id from seat_claims", String.class));
    }

    /** Takes the room's row lock for the rest of the transaction: changes of one room queue up across nodes. */
    boolean lockRoom(String roomId) {
        return !jdbc.queryForList("select id from rooms where id = ? for update", String.class, roomId).isEmpty();
    }
}
