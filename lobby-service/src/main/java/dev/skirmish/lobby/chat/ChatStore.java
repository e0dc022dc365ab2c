package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.limits.SharedBuckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
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
 *
 * <p>Profile cluster's batches, charged to the shared chat limit, are one statement instead ({@link #STORE_CHARGED}).
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
     * Profile cluster's shared chat limit ({@link SharedBuckets#chatCharge}): each player's bucket of {@code capacity}
     * tokens, refilled at {@code perSecond}, charged for the batch in the statement that stores it, so what the charge
     * takes commits or rolls back with the lines. A player's k lines of a batch are granted the first min(k, tokens)
     * in the order they were accepted; the rest are refused and charged nothing.
     */
    record Charge(double capacity, double perSecond) {
    }

    /**
     * pg26: the charge and the insert of the lines it grants as one statement on its own (autocommit: its transaction
     * commits as it ends, before the driver returns, under PostgreSQL's {@code synchronous_commit} as any commit). The
     * charge ({@code g}) returns each granted key's count; a line is stored when its rank among its player's lines of
     * the batch ({@code k}, from 1) is within that count. The insert takes the lines in the batch's order
     * ({@code order by ord}) and the identity's default is evaluated by the insert above that sort, so the stored
     * lines' ids ascend in batch order: sorted, they pair with the granted lines in order, and the player ids returned
     * give each player's grant. It replaced a transaction of the charge, one to seven inserts and a commit (~5 round
     * trips per batch, each a statement PostgreSQL binds, runs and ends; docs/benchmarks.md "… session 22 (pg26)").
     * The timestamps go as ISO-8601 text ({@link Instant#toString}), which PostgreSQL reads whatever its DateStyle.
     */
    private static final ParsedSql STORE_CHARGED = NamedParameterUtils.parseSqlStatement("""
            with g as (
            %s
            ), ins as (
            insert into chat_messages (channel, player_id, player_name, text, sent_at)
            select l.channel, l.player_id, l.player_name, l.text, l.sent_at::timestamptz
            from unnest(:channels::varchar[], :players::varchar[], :names::varchar[], :texts::varchar[], :sent::varchar[],
                        :keys::varchar[], :ranks::int[]) with ordinality as l(channel, player_id, player_name, text, sent_at, key, k, ord)
            join g on g.id = l.key
            where l.k <= g.granted
            order by l.ord
            returning id, player_id
            )
            select id, player_id from ins order by id""".formatted(SharedBuckets.chatCharge()));

    /** Stores all or nothing; returns the stored messages (with their ids) in the same order. */
    List<ChatMessage> insert(List<NewMessage> batch) {
        return insert(batch, null);
    }

    /**
     * Stores the lines {@code charge} (null: no shared limit, all) grants, all or nothing, with the charge in the same
     * transaction; returns, for each line of {@code batch} in order, the stored message (with its id) or null for a
     * line the charge refused. With a charge, PostgreSQL only (profile cluster).
     */
    List<ChatMessage> insert(List<NewMessage> batch, Charge charge) {
        if (charge != null) return jdbc.execute((ConnectionCallback<List<ChatMessage>>) con -> insertCharged(con, batch, charge));
        return jdbc.execute((ConnectionCallback<List<ChatMessage>>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                var stored = new ArrayList<ChatMessage>(batch.size());
                for (int from = 0; from < batch.size(); ) {
                    int rows = Math.min(Integer.highestOneBit(batch.size() - from), MAX_ROWS);
                    insert(con, batch.subList(from, from + rows), stored);
                    from += rows;
                }
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

    /** See {@link #STORE_CHARGED}. */
    private static List<ChatMessage> insertCharged(Connection con, List<NewMessage> batch, Charge charge) throws SQLException {
        int n = batch.size();
        String[] channels = new String[n], players = new String[n], names = new String[n], texts = new String[n], sent = new String[n];
        String[] keys = new String[n];
        Integer[] ranks = new Integer[n];
        var lines = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < n; i++) {
            NewMessage m = batch.get(i);
            channels[i] = m.channel();
            players[i] = m.playerId();
            names[i] = m.playerName();
            texts[i] = m.text();
            sent[i] = m.sentAt().toString();
            keys[i] = SharedBuckets.chatKey(m.playerId());
            ranks[i] = lines.merge(m.playerId(), 1, Integer::sum);
        }
        var params = SharedBuckets.chatChargeParams(con, lines, charge.capacity(), charge.perSecond())
                .addValue("channels", con.createArrayOf("varchar", channels)).addValue("players", con.createArrayOf("varchar", players))
                .addValue("names", con.createArrayOf("varchar", names)).addValue("texts", con.createArrayOf("varchar", texts))
                .addValue("sent", con.createArrayOf("varchar", sent)).addValue("keys", con.createArrayOf("varchar", keys))
                .addValue("ranks", con.createArrayOf("integer", ranks));
        var storedIds = new ArrayList<Long>(n);
        var granted = new HashMap<String, Integer>(lines.size() * 2);
        // a connection outside autocommit (the pool's are in it) holds the statement's transaction open: it is ended
        // here, as the writer delivers only what is committed
        boolean autoCommit = con.getAutoCommit();
        try (PreparedStatement ps = con.prepareStatement(NamedParameterUtils.substituteNamedParameters(STORE_CHARGED, params))) {
            Object[] values = NamedParameterUtils.buildValueArray(STORE_CHARGED, params, null);
            for (int p = 0; p < values.length; p++) ps.setObject(p + 1, values[p]);
            try (ResultSet rows = ps.executeQuery()) {
                while (rows.next()) {
                    storedIds.add(rows.getLong(1));
                    granted.merge(rows.getString(2), 1, Integer::sum);
                }
            }
            if (!autoCommit) con.commit();
        } catch (SQLException | RuntimeException e) {
            if (!autoCommit) rollbackQuietly(con, e);
            throw e;
        }
        var aligned = new ArrayList<ChatMessage>(n);
        var next = storedIds.iterator();
        for (NewMessage m : batch) {
            int left = granted.getOrDefault(m.playerId(), 0);
            if (left > 0) {
                granted.put(m.playerId(), left - 1);
                aligned.add(new ChatMessage(next.next(), m.channel(), m.playerId(), m.playerName(), m.text(), m.sentAt()));
            } else {
                aligned.add(null);
            }
        }
        return aligned;
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
