package dev.skirmish.lobby.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skirmish.lobby.config.LobbyProperties;
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

    /** One node's charge of the shared limit, as ChatService builds it in profile cluster. */
    private ChatStore.Charge node() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "skirmish.lobby.chat-burst", String.valueOf(BURST), "skirmish.lobby.chat-rate-per-second", "0.01")));
        return ChatService.sharedLimit(binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class)));
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
        for (ChatMessage m : stored) {
            if (m != null) assertThat(textOf(m.id())).as("the row stored under the id returned for " + m.text()).isEqualTo(m.text());
        }
        assertThat(store().insert(List.of(line(channel, a, "a5"), line(channel, b, "b1")), gate))
                .extracting(m -> m == null ? null : m.text()).as("a's refused lines took nothing, but a has none left").containsExactly(null, "b1");
    }

    private String textOf(long id) {
        return schema.jdbc().queryForObject("select text from chat_messages where id = ?", String.class, id);
    }

    /**
     * pg26: a charged batch is one statement in autocommit, the charge and the inserts together: no transaction of
     * its own (no commit, no autocommit switched off) and one statement whatever the batch's size (it was the charge,
     * one insert per power-of-two chunk and a commit). Counted on the connection the store uses; many players, each a
     * few lines, some refused, and every id returned the row of its line.
     */
    @Test
    void aChargedBatchIsOneStatementWithNoTransactionOfItsOwn() {
        var calls = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        var counting = new ChatStore(new org.springframework.jdbc.core.JdbcTemplate(countingCalls(schema.jdbc().getDataSource(), calls)));
        String channel = UUID.randomUUID().toString();
        var players = new ArrayList<String>();
        for (int p = 0; p < 7; p++) players.add(UUID.randomUUID().toString());
        var batch = new ArrayList<ChatStore.NewMessage>();
        for (int i = 0; i < 23; i++) batch.add(line(channel, players.get(i % 7), "line" + i));
        List<ChatMessage> stored = counting.insert(batch, node());
        assertThat(calls).as("statements and transaction calls on the store's connection").containsOnlyKeys("prepareStatement")
                .containsEntry("prepareStatement", 1);
        // 23 lines over 7 players: players 0 and 1 have 4 lines, the others 3; BURST (3) each granted, in order
        assertThat(stored).extracting(m -> m == null ? null : m.text())
                .containsExactlyElementsOf(batch.stream().map(m -> Integer.parseInt(m.text().substring(4)) < 21 ? m.text() : null).toList());
        for (ChatMessage m : stored) if (m != null) assertThat(textOf(m.id())).isEqualTo(m.text());
        assertThat(storedIn(channel)).isEqualTo(21);
    }

    /** {@code source} whose connections count their calls that run or end statements and transactions */
    private static javax.sql.DataSource countingCalls(javax.sql.DataSource source, Map<String, Integer> calls) {
        var counted = java.util.Set.of("prepareStatement", "createStatement", "prepareCall", "commit", "rollback", "setAutoCommit", "setSavepoint");
        return new org.springframework.jdbc.datasource.DelegatingDataSource(source) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                var con = super.getConnection();
                return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{java.sql.Connection.class},
                        (proxy, method, args) -> {
                            if (counted.contains(method.getName())) calls.merge(method.getName(), 1, Integer::sum);
                            try {
                                return method.invoke(con, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
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

    private ChatWriter writer(ChatStore.Charge gate, List<String> delivered) {
        var store = store();
        var w = new ChatWriter(100, 500, Duration.ZERO, batch -> store.insert(batch, gate), m -> delivered.add(m.text()),
                m -> new LobbyException(HttpStatus.TOO_MANY_REQUESTS, "CHAT_RATE_LIMITED", "slow down"));
        w.start();
        writers.add(w);
        return w;
    }
}
