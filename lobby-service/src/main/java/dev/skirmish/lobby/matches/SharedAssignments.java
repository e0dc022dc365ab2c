package dev.skirmish.lobby.matches;

import dev.skirmish.lobby.config.LobbyProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster}: the running matches' assignments in {@code match_assignments}, so a player who comes back
 * on another node (its node died, the balancer moved it) gets its match again there. The connect token is a bearer
 * secret and the database is shared with operators and backups, so it is stored sealed: AES-256-GCM under a key
 * derived from the lobby's token secret (every node has it, the database does not), with the player and session as
 * associated data, so a row copied onto another player's or session's row does not open. A row lives one per player,
 * until its match ends or its token expires (then any node's next write deletes it).
 */
@Component
@Profile("cluster")
class SharedAssignments {
    private static final Logger log = LoggerFactory.getLogger(SharedAssignments.class);
    private static final int NONCE_BYTES = 12;
    private static final String UPSERT = "insert into match_assignments (player_id, session_id, room_id, host, port, player_name, "
            + "match_seconds, sealed_token, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (player_id) do update set "
            + "session_id = excluded.session_id, room_id = excluded.room_id, host = excluded.host, port = excluded.port, "
            + "player_name = excluded.player_name, match_seconds = excluded.match_seconds, sealed_token = excluded.sealed_token, "
            + "expires_at = excluded.expires_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SharedAssignments(JdbcTemplate jdbc, Clock clock, LobbyProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = new SecretKeySpec(derive(props.tokenSecret()), "AES");
    }

    /** A key of its own: the token secret itself signs player tokens and is never used for two things. */
    private static byte[] derive(String tokenSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("skirmish match_assignments seal v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    void store(MatchAssignment a, Instant expires) {
        Instant now = clock.instant();
        jdbc.update("delete from match_assignments where expires_at < ?", Timestamp.from(now));
        jdbc.update(UPSERT, a.playerId(), a.sessionId(), a.roomId(), a.host(), a.port(), a.name(), a.matchSeconds(),
                seal(a.token(), a.playerId(), a.sessionId()), Timestamp.from(expires));
    }

    Optional<MatchAssignment> find(String playerId) {
        return jdbc.query("select * from match_assignments where player_id = ? and expires_at > ?", (rs, n) -> {
            String session = rs.getString("session_id");
            String token = open(rs.getString("sealed_token"), playerId, session);
            return token == null ? null : new MatchAssignment(rs.getString("room_id"), session, rs.getString("host"), rs.getInt("port"),
                    playerId, rs.getString("player_name"), token, rs.getInt("match_seconds"));
        }, playerId, Timestamp.from(clock.instant())).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    void ended(String sessionId) {
        jdbc.update("delete from match_assignments where session_id = ?", sessionId);
    }

    void forget(String playerId, String sessionId) {
        jdbc.update("delete from match_assignments where player_id = ? and session_id = ?", playerId, sessionId);
    }

    private String seal(String token, String playerId, String sessionId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(playerId, sessionId));
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The token, or null if the row does not open (another secret, or moved to another player or session). */
    String open(String sealed, String playerId, String sessionId) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            c.updateAAD(aad(playerId, sessionId));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            log.warn("the stored assignment of player {} in session {} does not open; ignored", playerId, sessionId);
            return null;
        }
    }

    private static byte[] aad(String playerId, String sessionId) {
        return (playerId + "\n" + sessionId).getBytes(StandardCharsets.UTF_8);
    }
}
