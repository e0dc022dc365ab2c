package dev.skirmish.lobby.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.config.ClusterProperties;
import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.support.TestSchema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idle-seat sweep's one read of who is connected on any node ({@link SharedPresence#connectedAmong}) answers as
 * the per-player {@link SharedPresence#isConnected} it replaced: a lapsed lease, a row without a lease and a player
 * with no row are not connected, and more players than one query's chunk are all answered. Runs on a fresh schema of
 * the test PostgreSQL (the real migrations); skipped without one.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the shared presence tests against PostgreSQL")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSharedPresenceTest {
    private TestSchema schema;
    private JdbcTemplate jdbc;
    private SharedPresence presence;

    @BeforeAll
    void migrate() {
        schema = TestSchema.migrated("presence_");
        jdbc = schema.jdbc();
        var binder = new Binder(new MapConfigurationPropertySource(Map.of("skirmish.lobby.token-secret", "presence-test-secret-0123456789abcdef")));
        presence = new SharedPresence(jdbc, Clock.systemUTC(), binder.bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class)),
                binder.bindOrCreate("skirmish.cluster", Bindable.of(ClusterProperties.class)));
    }

    @AfterAll
    void drop() {
        if (schema != null) schema.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void onlyPlayersWithALiveLeaseAreConnectedAsThePerPlayerQuerySays() {
        String live = id(), lapsed = id(), noLease = id(), noRow = id();
        presence.connected(live);
        Timestamp past = Timestamp.from(Instant.now().minusSeconds(60));
        jdbc.update("insert into player_presence (player_id, last_seen, connected_until) values (?, ?, ?)", lapsed, past, past);
        jdbc.update("insert into player_presence (player_id, last_seen, connected_until) values (?, ?, null)", noLease, past);

        List<String> asked = List.of(live, lapsed, noLease, noRow);
        assertThat(presence.connectedAmong(asked)).containsExactly(live);
        for (String p : asked) assertThat(presence.isConnected(p)).as(p).isEqualTo(p.equals(live));
        assertThat(presence.connectedAmong(List.of())).isEmpty();
    }

    @Test
    void aRenewalEndsTheReconnectWindowNamesThisNodeAndNeverMovesATimeBack() {
        String waiting = id(), fresher = id();
        Instant later = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        jdbc.update("insert into player_presence (player_id, last_seen, connected_until, reconnect_until, connected_node) values (?, ?, null, ?, 'other')",
                waiting, Timestamp.from(Instant.now().minusSeconds(5)), Timestamp.from(later));
        jdbc.update("insert into player_presence (player_id, last_seen, connected_until) values (?, ?, ?)", fresher, Timestamp.from(later), Timestamp.from(later));

        presence.renew(Set.of(waiting, fresher));

        var w = jdbc.queryForMap("select reconnect_until, connected_until, connected_node from player_presence where player_id = ?", waiting);
        assertThat(w.get("reconnect_until")).isNull();
        assertThat(w.get("connected_until")).isNotNull();
        assertThat(w.get("connected_node")).isNotEqualTo("other");
        var f = jdbc.queryForMap("select last_seen, connected_until from player_presence where player_id = ?", fresher);
        assertThat(((Timestamp) f.get("last_seen")).toInstant()).isEqualTo(later);
        assertThat(((Timestamp) f.get("connected_until")).toInstant()).isEqualTo(later);
        assertThat(presence.connectedAmong(List.of(waiting, fresher))).containsExactlyInAnyOrder(waiting, fresher);
    }

    /** Also the renewal's chunks: every player of more than one chunk is renewed. */
    @Test
    void moreSeatedPlayersThanOneChunkAreAllAnswered() {
        List<String> asked = new ArrayList<>();
        Set<String> live = new HashSet<>();
        for (int i = 0; i < SharedPresence.CHUNK * 2 + 7; i++) {
            String p = id();
            asked.add(p);
            if (i % 3 == 0) live.add(p);
        }
        presence.renew(live);
        assertThat(presence.connectedAmong(asked)).isEqualTo(live);
    }
}
