package dev.skirmish.lobby.matches;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.support.TestSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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
 * Profile cluster keeps running matches' connect tokens in PostgreSQL ({@code match_assignments}) so any node can hand
 * them back. The attacks this stops: reading a player's connect token out of the shared database (a read-only
 * operator account, a backup, a log of queries) and playing as that player; and, with write access, moving another
 * player's sealed token onto one's own row to be handed it by {@code GET /api/matches/current}. Runs on a fresh schema
 * of the test PostgreSQL (the real migrations); skipped without one.
 */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the shared assignment tests against PostgreSQL")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSharedAssignmentsTest {
    private static final String TOKEN = "Y29ubmVjdC10b2tlbi1vZi1hbGljZS13aXRoLWhlci1wYWNrZXQta2V5cw==";
    private TestSchema schema;
    private JdbcTemplate jdbc;

    @BeforeAll
    void migrate() {
        schema = TestSchema.migrated("assign_");
        jdbc = schema.jdbc();
    }

    @AfterAll
    void drop() {
        if (schema != null) schema.close();
    }

    private SharedAssignments store(String secret) {
        var props = new Binder(new MapConfigurationPropertySource(java.util.Map.of("skirmish.lobby.token-secret", secret)))
                .bindOrCreate("skirmish.lobby", Bindable.of(LobbyProperties.class));
        return new SharedAssignments(jdbc, Clock.systemUTC(), props);
    }

    private static MatchAssignment assignment(String playerId, String sessionId) {
        return new MatchAssignment("room-1", sessionId, "127.0.0.1", 7001, playerId, "alice", TOKEN, 60);
    }

    @Test
    void theConnectTokenIsStoredSealedAndOpensForItsPlayer() {
        var shared = store("first-token-secret-0123456789abcdef");
        String alice = UUID.randomUUID().toString();
        shared.store(assignment(alice, "s-" + alice), Instant.now().plusSeconds(300));

        String stored = jdbc.queryForObject("select sealed_token from match_assignments where player_id = ?", String.class, alice);
        assertThat(stored).doesNotContain(TOKEN);
        assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN)
                .doesNotContain(new String(Base64.getDecoder().decode(TOKEN), StandardCharsets.ISO_8859_1));
        assertThat(shared.find(alice)).get().extracting(MatchAssignment::token).isEqualTo(TOKEN);
        // the database alone is not enough: another lobby secret cannot open it
        assertThat(store("another-token-secret-0123456789abcd").find(alice)).isEmpty();
    }

    @Test
    void aSealedTokenMovedOntoAnotherPlayersRowDoesNotOpen() {
        var shared = store("first-token-secret-0123456789abcdef");
        String alice = UUID.randomUUID().toString();
        String mallory = UUID.randomUUID().toString();
        String session = "s-" + alice;
        shared.store(assignment(alice, session), Instant.now().plusSeconds(300));
        shared.store(new MatchAssignment("room-1", session, "127.0.0.1", 7001, mallory, "mallory", "bWFsbG9yeXMtb3du", 60),
                Instant.now().plusSeconds(300));
        jdbc.update("update match_assignments set sealed_token = (select sealed_token from match_assignments where player_id = ?) "
                + "where player_id = ?", alice, mallory);
        assertThat(shared.find(mallory)).as("alice's token handed to mallory").isEmpty();
        assertThat(shared.find(alice)).isPresent();
    }

    @Test
    void anEndedSessionsAssignmentsAreGone() {
        var shared = store("first-token-secret-0123456789abcdef");
        String alice = UUID.randomUUID().toString();
        shared.store(assignment(alice, "s-" + alice), Instant.now().plusSeconds(300));
        shared.ended("s-" + alice);
        assertThat(shared.find(alice)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from match_assignments where player_id = ?", Integer.class, alice)).isZero();
    }

    /**
     * A kick deletes the kicked match's row by its keys, without opening the sealed token (a node whose secret cannot
     * open it still deletes it), and leaves the player's row of a newer match alone.
     */
    @Test
    void aKickedPlayersRowGoesByItsKeysAndANewerMatchsRowStays() {
        var shared = store("first-token-secret-0123456789abcdef");
        var otherNode = new LiveMatches(null, Clock.systemUTC(), store("another-token-secret-0123456789abcd"));
        String alice = UUID.randomUUID().toString();
        shared.store(assignment(alice, "s-" + alice), Instant.now().plusSeconds(300));
        otherNode.forget(alice, "s-" + alice);
        assertThat(jdbc.queryForObject("select count(*) from match_assignments where player_id = ?", Integer.class, alice)).isZero();

        shared.store(assignment(alice, "s2-" + alice), Instant.now().plusSeconds(300));
        otherNode.forget(alice, "s-" + alice);
        assertThat(shared.find(alice)).get().extracting(MatchAssignment::sessionId).isEqualTo("s2-" + alice);
    }
}
