package dev.skirmish.lobby.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Inserts a batch of chat messages with one JDBC batch and one commit. Plain JDBC rather than JPA here: this is
 * the lobby's hottest write, and a profile of the chat load harness showed Hibernate's per-entity work costing
 * more CPU than the database itself. Reads stay on {@link ChatRepository}.
 */
@Component
class ChatStore {
    /** A message accepted but not yet stored. */
    record NewMessage(String channel, String playerId, String playerName, String text, Instant sentAt) {
    }

    private static final String INSERT = "insert into chat_messages (channel, player_id, player_name, text, sent_at) values (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    ChatStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores all or nothing; returns the stored messages (with their ids) in the same order. */
    List<ChatMessage> insert(List<NewMessage> batch) {
        return jdbc.execute((ConnectionCallback<List<ChatMessage>>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                List<ChatMessage> stored = insert(ps, batch);
                con.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(con, e);
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        });
    }

    private static List<ChatMessage> insert(PreparedStatement ps, List<NewMessage> batch) throws SQLException {
        for (NewMessage m : batch) {
            ps.setString(1, m.channel());
            ps.setString(2, m.playerId());
            ps.setString(3, m.playerName());
            ps.setString(4, m.text());
            ps.setObject(5, OffsetDateTime.ofInstant(m.sentAt(), ZoneOffset.UTC));
            ps.addBatch();
        }
        ps.executeBatch();
        var stored = new ArrayList<ChatMessage>(batch.size());
        try (var keys = ps.getGeneratedKeys()) {
            for (NewMessage m : batch) {
                if (!keys.next()) throw new SQLException("the database returned fewer generated ids than rows inserted");
                stored.add(new ChatMessage(keys.getLong("id"), m.channel(), m.playerId(), m.playerName(), m.text(), m.sentAt()));
            }
        }
        return stored;
    }

    private static void rollbackQuietly(Connection con, Exception cause) {
        try {
            con.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
