package dev.skirmish.lobby.players;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The two statements of a guest sign-up, in plain JDBC: who has this name, and the new player's row. Through JPA
 * each was a transaction of its own with a persistence context, a flush and entity events around one statement; a
 * profile of a warmed lobby's sign-ups (docs/benchmarks.md) spent most of their CPU there. Everything else about
 * players stays with {@link PlayerRepository}.
 */
@Component
class GuestRows {
    private final JdbcTemplate jdbc;

    GuestRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of the players whose name has this key ({@link PlayerEntity#key}), by the indexed {@code name_key}. */
    List<String> idsByNameKey(String nameKey) {
        return jdbc.queryForList("select id from players where name_key = ?", String.class, nameKey);
    }

    void insert(String id, String name, Instant createdAt) {
        jdbc.update("insert into players (id, name, name_key, created_at) values (?, ?, ?, ?)",
                id, name, PlayerEntity.key(name), OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
    }
}
