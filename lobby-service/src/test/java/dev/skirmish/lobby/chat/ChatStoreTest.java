package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.support.ServiceTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store splits a batch into multi-row inserts of 2^k rows (at most {@link ChatStore#MAX_ROWS}): whatever the
 * batch's size, every line is stored once, and each returned id is its own line's (the ids a delivery carries and a
 * moderator deletes by).
 */
class ChatStoreTest extends ServiceTestBase {
    @Autowired
    ChatStore store;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 23, 64, 65, 200})
    void everyLineOfABatchIsStoredOnceAndGetsItsOwnId(int size) {
        String channel = UUID.randomUUID().toString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var batch = new ArrayList<ChatStore.NewMessage>();
        for (int i = 0; i < size; i++) batch.add(new ChatStore.NewMessage(channel, "p" + i, "name" + i, "line " + i, t.plusMillis(i)));

        List<ChatMessage> stored = store.insert(batch);

        assertThat(stored).extracting(ChatMessage::text).containsExactlyElementsOf(batch.stream().map(ChatStore.NewMessage::text).toList());
        assertThat(stored).extracting(ChatMessage::id).doesNotHaveDuplicates().isSorted();
        for (ChatMessage m : stored) {
            var row = jdbc.queryForMap("select channel, player_id, text, sent_at from chat_messages where id = ?", m.id());
            assertThat(row.get("text")).isEqualTo(m.text());
            assertThat(row.get("player_id")).isEqualTo(m.playerId());
        }
        assertThat(jdbc.queryForObject("select count(*) from chat_messages where channel = ?", Integer.class, channel)).isEqualTo(size);
    }
}
