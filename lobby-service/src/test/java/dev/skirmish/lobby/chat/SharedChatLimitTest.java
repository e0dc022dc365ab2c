package dev.skirmish.lobby.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.limits.LimitProperties;
import dev.skirmish.lobby.limits.SharedBuckets;
import dev.skirmish.lobby.support.TestSchema;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;

/**
 * Profile cluster's shared chat limit, charged per batch in the chat writer's transaction (climit21): the lines a
 * player's bucket grants are stored and delivered in the order they were accepted, the rest are refused through the
 * writer's failure path and neither stored nor delivered; a batch that fails to store charges nothing; two nodes'
 * writers share one bucket. On a fresh schema of the test PostgreSQL; skipped without one.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the shared chat limit tests against PostgreSQL")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedChatLimitTest {
    /** the burst; one token back every 100 s, so none returns while a test runs */
    private static final int BURST = 3;
    private TestSchema schema;
    private final List<ChatWriter> writers = new ArrayList<>();

    @BeforeAll
    void migrate() {
        schema = TestSchema.migrated("chatlimit_");
    }

    @AfterAll
    void drop() {
        writers.forEach(w -> w.stop(Duration.ofSeconds(5)));
        if (schema != null) schema.close();
    }

    /** One node's store behind the shared limit, as ChatService builds it in profile cluster. */
    private ChatStore.Gate node() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "skirmish.lobby.chat-burst", String.valueOf(BURST), "skirmish.lobby.chat-rate-per-second", "0.01")));
        var limits = binder.bindOrCreate("skirmish.lobby.limits", Bindable.of(LimitProperties.class));
        var props = binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class));
        return ChatService.sharedLimit(new SharedBuckets(schema.jdbc().getDataSource(), null, limits), props);
    }

    private ChatStore store() {
        return new ChatStore(schema.jdbc());
    }

    private static ChatStore.NewMessage line(String channel, String player, String text) {
        return new ChatStore.NewMessage(channel, player, "name", text, Instant.now());
    }

    private int storedIn(String channel) {
        return schema.jdbc().queryForObject("select count(*) from chat_messages where channel = ?", Integer.class, channel);
    }

    @Test
    void aBatchStoresEachPlayersFirstLinesUpToItsTokensInOrderAndNothingElse() {
        var gate = node();
        String channel = UUID.randomUUID().toString(), a = UUID.randomUUID().toString(), b = UUID.randomUUID().toString();
        var batch = new ArrayList<ChatStore.NewMessage>();
        for (int i = 0; i < 5; i++) {
            batch.add(line(channel, a, "a" + i));
            if (i == 2) batch.add(line(channel, b, "b0"));
        }
        List<ChatMessage> stored = store().insert(batch, gate);
        assertThat(stored).extracting(m -> m == null ? null : m.text()).containsExactly("a0", "a1", "a2", "b0", null, null);
        assertThat(storedIn(channel)).isEqualTo(4);
        assertThat(store().insert(List.of(line(channel, a, "a5"), line(channel, b, "b1")), gate))
                .extracting(m -> m == null ? null : m.text()).as("a's refused lines took nothing, but a has none left").containsExactly(null, "b1");
    }

    @Test
    void aBatchThatFailsToStoreChargesNothing() {
        var gate = node();
        String channel = UUID.randomUUID().toString(), a = UUID.randomUUID().toString();
        // a name longer than the column's 16: the insert fails after the charge, in the same transaction
        var failing = List.of(line(channel, a, "a0"), new ChatStore.NewMessage(channel, a, "x".repeat(17), "a1", Instant.now()));
        assertThatThrownBy(() -> store().insert(failing, gate)).isInstanceOf(RuntimeException.class);
        assertThat(storedIn(channel)).isZero();
        var next = new ArrayList<ChatStore.NewMessage>();
        for (int i = 0; i < BURST; i++) next.add(line(channel, a, "again" + i));
        assertThat(store().insert(next, gate)).as("the whole burst is still there").doesNotContainNull();
    }

    @Test
    void twoNodesWritersShareOneBucketAndTellTheRefusedSenders() {
        String channel = UUID.randomUUID().toString(), a = UUID.randomUUID().toString();
        var delivered = new CopyOnWriteArrayList<String>();
        var one = writer(node(), delivered);
        var two = writer(node(), delivered);
        var sent = new ArrayList<CompletableFuture<ChatMessage>>();
        for (int i = 0; i < 2 * BURST; i++) sent.add((i % 2 == 0 ? one : two).submit(line(channel, a, "line" + i)));
        int granted = 0;
        for (var f : sent) {
            try {
                f.join();
                granted++;
            } catch (java.util.concurrent.CompletionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(LobbyException.class, x -> assertThat(x.code()).isEqualTo("CHAT_RATE_LIMITED"));
            }
        }
        assertThat(granted).isEqualTo(BURST);
        assertThat(delivered).hasSize(BURST);
        assertThat(storedIn(channel)).isEqualTo(BURST);
    }

    @Test
    void aWriterDeliversTheGrantedLinesInOrderAndToldTheOthersWithoutAFuture() {
        String channel = UUID.randomUUID().toString(), a = UUID.randomUUID().toString();
        var delivered = new CopyOnWriteArrayList<String>();
        var told = new CopyOnWriteArrayList<String>();
        var writer = writer(node(), delivered);
        for (int i = 0; i < 5; i++) writer.submit(line(channel, a, "line" + i), e -> told.add(e.code()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() + told.size() == 5);
        assertThat(delivered).containsExactly("line0", "line1", "line2");
        assertThat(told).containsExactly("CHAT_RATE_LIMITED", "CHAT_RATE_LIMITED");
        assertThat(storedIn(channel)).isEqualTo(BURST);
    }

    private ChatWriter writer(ChatStore.Gate gate, List<String> delivered) {
        var store = store();
        var w = new ChatWriter(100, 500, Duration.ZERO, batch -> store.insert(batch, gate), m -> delivered.add(m.text()),
                m -> new LobbyException(HttpStatus.TOO_MANY_REQUESTS, "CHAT_RATE_LIMITED", "slow down"));
        w.start();
        writers.add(w);
        return w;
    }
}
