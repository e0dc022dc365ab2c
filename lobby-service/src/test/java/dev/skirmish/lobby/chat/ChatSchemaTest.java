package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.sql.DatabaseMetaData;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each stored chat line pays for: the table's primary key and one secondary index, {@code (channel, id)}, which
 * history by channel reads. The age index {@code chat_messages_sent} (V3) cost every line a third B-tree insert and
 * only retention read it; V15 drops it and retention walks the primary key (RetentionJobsTest). Fails without V15.
 */
class ChatSchemaTest extends ServiceTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyStoredLineUpdatesThePrimaryKeyAndTheChannelIndexOnly() {
        Set<String> indexes = jdbc.execute((ConnectionCallback<Set<String>>) con -> {
            DatabaseMetaData meta = con.getMetaData();
            String table = meta.storesUpperCaseIdentifiers() ? "CHAT_MESSAGES" : "chat_messages";
            var names = new TreeSet<String>();
            try (var rs = meta.getIndexInfo(null, con.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null) names.add(name.toLowerCase(java.util.Locale.ROOT));
                }
            }
            return names;
        });
        assertThat(indexes).contains("chat_messages_channel").doesNotContain("chat_messages_sent");
        assertThat(indexes).as("primary key + (channel, id): " + indexes).hasSize(2);
    }

    /** The plans on H2 (PostgreSQL's planner scans a small test table whatever its indexes, so its plan says nothing). */
    @Test
    void historyReadsTheChannelIndexAndRetentionThePrimaryKey() {
        String url = jdbc.execute((ConnectionCallback<String>) con -> con.getMetaData().getURL());
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:h2:"), "H2 plans only");
        assertThat(plan("select id, text from chat_messages where channel = 'lobby' order by id desc offset 0 rows fetch first 50 rows only"))
                .contains("CHAT_MESSAGES_CHANNEL").doesNotContain("tableScan");
        assertThat(plan("select count(*) from chat_messages where channel = 'lobby'")).contains("CHAT_MESSAGES_CHANNEL");
        assertThat(plan("select count(*), max(id), min(sent_at) from (select id, sent_at from chat_messages where id > 0 order by id fetch first 1000 rows only) page"))
                .contains("PRIMARY_KEY").doesNotContain("tableScan");
        assertThat(plan("delete from chat_messages where id > 0 and id <= 1000 and sent_at < current_timestamp")).contains("PRIMARY_KEY");
    }

    private String plan(String sql) {
        return String.join("\n", jdbc.queryForList("explain " + sql, String.class));
    }
}
