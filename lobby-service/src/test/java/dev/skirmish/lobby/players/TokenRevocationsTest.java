package dev.skirmish.lobby.players;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.AuthProperties;
import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.security.RevokedPlayers;
import dev.skirmish.lobby.security.TokenService;
import dev.skirmish.lobby.support.ServiceTestBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on sign-out itself: a restart that forgets who signed out (the stolen token works again), and a
 * revocation list that only grows. Sign-outs are read back from the database at start-up; an entry is dropped
 * once every token it could refuse is dead by its absolute lifetime (24 h + refresh grace).
 */
class TokenRevocationsTest extends ServiceTestBase {
    @Autowired
    PlayerRepository players;
    @Autowired
    LobbyProperties props;
    @Autowired
    AuthProperties auth;
    @Autowired
    TaskScheduler lobbyScheduler;

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private TokenRevocations revocations(Clock clock) {
        return new TokenRevocations(players, clock, props, auth, lobbyScheduler);
    }

    private String newPlayer() {
        String id = UUID.randomUUID().toString();
        players.save(new PlayerEntity(id, "rv" + id.substring(0, 8), Instant.now()));
        return id;
    }

    @Test
    void aSignOutSurvivesARestart() {
        String id = newPlayer();
        revocations(Clock.systemUTC()).revoke(id);
        var afterRestart = revocations(Clock.systemUTC());
        assertThat(afterRestart.isRevoked(id)).isTrue();
        assertThat(afterRestart.isRevoked(newPlayer())).isFalse();
    }

    @Test
    void entriesAreDroppedOnceEveryTokenTheyRefuseIsDeadAnyway() {
        var clock = new MovableClock(Instant.now());
        var list = revocations(clock);
        String id = newPlayer();
        list.revoke(id);
        clock.now = clock.now.plus(auth.tokenMaxAge());
        list.clean();
        assertThat(list.isRevoked(id)).as("a token signed in before the sign-out may still be in its refresh grace").isTrue();
        clock.now = clock.now.plus(props.refreshGrace()).plusSeconds(1);
        list.clean();
        assertThat(list.isRevoked(id)).isFalse();
        assertThat(list.size()).isZero();
        assertThat(revocations(clock).isRevoked(id)).as("nor read back at a later start").isFalse();
    }

    @Test
    void theLifetimeKeepsTokensOfAnExpiredEntryDead() {
        // why dropping is safe: a token signed in before the sign-out is refused by its own absolute lifetime
        Instant signedIn = Instant.now().minus(Duration.ofHours(25));
        var tokens = new TokenService(props, auth, Clock.systemUTC(), RevokedPlayers.NONE);
        assertThat(tokens.stillValid(new PlayerToken("p", "n", Instant.now().plusSeconds(60), signedIn))).isFalse();
    }
}
