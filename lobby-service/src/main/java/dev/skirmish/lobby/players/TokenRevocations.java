package dev.skirmish.lobby.players;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.security.AuthProperties;
import dev.skirmish.lobby.security.RevokedPlayers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sign-outs: stored in {@code players.tokens_revoked_at} (so they survive a restart) and held in memory, because
 * every REST call and STOMP frame asks. An entry is only needed while a token of that player could still be alive:
 * after the absolute lifetime plus the refresh grace every such token is dead on its own, so the cleaner drops it.
 * The map is thus bounded by the sign-outs of one lifetime, each of which needed a valid token.
 */
@Component
public class TokenRevocations implements RevokedPlayers {
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final PlayerRepository players;
    private final Clock clock;
    private final Duration keep;

    public TokenRevocations(PlayerRepository players, Clock clock, LobbyProperties props, AuthProperties auth, TaskScheduler lobbyScheduler) {
        this.players = players;
        this.clock = clock;
        this.keep = auth.tokenMaxAge().plus(props.refreshGrace());
        for (PlayerEntity p : players.findByTokensRevokedAtAfter(clock.instant().minus(keep))) {
            revoked.put(p.getId(), p.getTokensRevokedAt());
        }
        Duration every = keep.dividedBy(24).compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : keep.dividedBy(24);
        lobbyScheduler.scheduleWithFixedDelay(this::clean, every);
    }

    @Override
    public boolean isRevoked(String playerId) {
        return revoked.containsKey(playerId);
    }

    /** Refuses every token of the player from now on. */
    public void revoke(String playerId) {
        Instant now = clock.instant();
        players.revokeTokens(playerId, now);
        revoked.put(playerId, now);
    }

    /** An operator lifts a ban: the player's tokens count again (each still within its own lifetime). */
    public void restore(String playerId) {
        players.revokeTokens(playerId, null);
        revoked.remove(playerId);
    }

    /** A ban another lobby node wrote: refused here too (the row is already stored). */
    void revokeHere(String playerId, Instant at) {
        revoked.putIfAbsent(playerId, at);
    }

    /** A ban another node lifted (the row is already cleared). */
    void restoreHere(String playerId) {
        revoked.remove(playerId);
    }

    /** How long after a revocation a token of that player could still be alive. */
    Duration window() {
        return keep;
    }

    void clean() {
        Instant before = clock.instant().minus(keep);
        revoked.values().removeIf(at -> at.isBefore(before));
    }

    int size() {
        return revoked.size();
    }
}
