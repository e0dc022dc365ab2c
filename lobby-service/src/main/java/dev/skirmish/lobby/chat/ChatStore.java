package dev.skirmish.lobby.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Inserts a batch of chat messages with a few multi-row inserts and one commit. Plain JDBC rather than JPA here: this
 * is the lobby's hottest write, and a profile of the chat load harness showed Hibernate's per-entity work costing
 * more CPU than the database itself. Reads stay on {@link ChatRepository}.
 *
 * <p>One {@code insert ... values (...), (...)} per chunk rather than a JDBC batch of one-row inserts: H2 runs each
 * statement of a batch as a command of its own (its result, its generated-keys set, its transaction maps opened), and
 * PostgreSQL's driver sends a batch as one statement per row. Chunks are powers of two up to {@link #MAX_ROWS} (a
 * batch of 23 is 16 + 4 + 2 + 1), so there are only a few statement texts, which both databases' statement caches keep.
 * Only the id comes back, not every column ({@code RETURN_GENERATED_KEYS} is {@code returning *} on PostgreSQL).
 */
@Component
class ChatStore {
    /** A message accepted but not yet stored. */
    record NewMessage(String channel, String playerId, String playerName, String text, Instant sentAt) {
    }

    /** The largest chunk; a longer batch takes several. */
    static final int MAX_ROWS = 64;
    private static final String[] ID = {"id"};
    /** {@code INSERTS[k]}: the insert of {@code 2^k} rows. */
    private static final String[] INSERTS = new String[Integer.numberOfTrailingZeros(MAX_ROWS) + 1];

    static {
        for (int k = 0; k < INSERTS.length; k++) {
            var sql = new StringBuilder("insert into chat_messages (channel, player_id, player_name, text, sent_at) values (?, ?, ?, ?, ?)");
            for (int row = 1; row < 1 << k; row++) sql.append(", (?, ?, ?, ?, ?)");
            INSERTS[k] = sql.toString();
        }
    }

    private final JdbcTemplate jdbc;

    ChatStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Decides, inside the store's transaction and before anything is inserted, which lines of a batch are stored (the
     * cluster's shared chat limit): what it writes commits or rolls back with them.
     */
    @FunctionalInterface
    interface Gate {
        /** @return for each line of {@code batch}, in order, whether it is stored */
        boolean[] admit(Connection con, List<NewMessage> batch) throws SQLException;
    }

    /** Stores all or nothing; returns the stored messages (with their ids) in the same order. */
    List<ChatMessage> insert(List<NewMessage> batch) {
        return insert(batch, null);
    }

    /**
     * Stores the lines {@code gate} (null: all) admits, all or nothing, with the gate's own writes in one transaction;
     * returns, for each line of {@code batch} in order, the stored message (with its id) or null for a line the gate
     * refused.
     */
    List<ChatMessage> insert(List<NewMessage> batch, Gate gate) {
        return jdbc.execute((ConnectionCallback<List<ChatMessage>>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                boolean[] admitted = gate == null ? null : gate.admit(con, batch);
                List<NewMessage> storing = batch;
                if (admitted != null) {
                    storing = new ArrayList<>(batch.size());
                    for (int i = 0; i < batch.size(); i++) if (admitted[i]) storing.add(batch.get(i));
                }
                var stored = new ArrayList<ChatMessage>(storing.size());
                for (int from = 0; from < storing.size(); ) {
                    int rows = Math.min(Integer.highestOneBit(storing.size() - from), MAX_ROWS);
                    insert(con, storing.subList(from, from + rows), stored);
                    from += rows;
                }
                con.commit();
                if (admitted == null) return stored;
                var aligned = new ArrayList<ChatMessage>(batch.size());
                var next = stored.iterator();
                for (boolean in : admitted) aligned.add(in ? next.next() : null);
                return aligned;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(con, e);
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        });
    }

    /** Inserts {@code chunk} (a power of two rows, at most {@link #MAX_ROWS}) with one statement; adds them to {@code stored}. */
    private static void insert(Connection con, List<NewMessage> chunk, List<ChatMessage> stored) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(INSERTS[Integer.numberOfTrailingZeros(chunk.size())], ID)) {
            int p = 0;
            for (NewMessage m : chunk) {
                ps.setString(++p, m.channel());
                ps.setString(++p, m.playerId());
                ps.setString(++p, m.playerName());
                ps.setString(++p, m.text());
                ps.setObject(++p, OffsetDateTime.ofInstant(m.sentAt(), ZoneOffset.UTC));
            }
            if (ps.executeUpdate() != chunk.size()) throw new SQLException("the database inserted a different number of rows than " + chunk.size());
            try (var keys = ps.getGeneratedKeys()) {
                for (NewMessage m : chunk) {
                    if (!keys.next()) throw new SQLException("the database returned fewer generated ids than rows inserted");
                    stored.add(new ChatMessage(keys.getLong(1), m.channel(), m.playerId(), m.playerName(), m.text(), m.sentAt()));
                }
            }
        }
    }

    private static void rollbackQuietly(Connection con, Exception cause) {
        try {
            con.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
