package dev.skirmish.lobby.players;

import dev.skirmish.lobby.config.ModerationProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Operators' bans, stored in {@code player_bans}: what refuses the player's tokens is the revocation
 * ({@link TokenRevocations}); this record says why, by whom and until when. The sweep lifts bans whose end has
 * passed: the row goes and the player's tokens (those still within their own lifetime) work again. On a cluster each
 * node's sweep also follows the other nodes' bans: a ban written elsewhere is refused here, one lifted elsewhere is
 * lifted here (both within one sweep interval); only bans young enough for a token of the player to be alive matter.
 */
@Component
public class PlayerBans {
    private static final Logger log = LoggerFactory.getLogger(PlayerBans.class);
    public static final int MAX_PAGE = 500;
    private static final int SWEEP_BATCH = 500;
    /** Most bans of one token lifetime followed from other nodes; beyond it, older ones wait for a restart. */
    private static final int MAX_FOLLOWED = 10_000;

    /** {@code until} null: until an operator lifts it. */
    public record Ban(String playerId, Instant bannedAt, Instant until, String reason, String operator) {
    }

    private final PlayerBanRepository rows;
    private final TokenRevocations revocations;
    private final Clock clock;
    /** Bans young enough to matter, as the last sweep saw them; only the sweep writes it. */
    private volatile java.util.Set<String> followed = java.util.Set.of();

    PlayerBans(PlayerBanRepository rows, TokenRevocations revocations, Clock clock, TaskScheduler lobbyScheduler,
               ModerationProperties props) {
        this.rows = rows;
        this.revocations = revocations;
        this.clock = clock;
        lobbyScheduler.scheduleWithFixedDelay(this::sweepLogged, props.sweepInterval());
    }

    /** Records the ban (a newer one replaces an older one); the caller revokes the tokens. */
    Ban record(String playerId, Instant until, String reason, String operator) {
        return rows.save(new PlayerBanEntity(playerId, clock.instant(), until, reason, operator)).view();
    }

    void forget(String playerId) {
        if (rows.existsById(playerId)) rows.deleteById(playerId);
    }

    /** The player's ban while it lasts. */
    public Optional<Ban> of(String playerId) {
        Instant now = clock.instant();
        return rows.findById(playerId).map(PlayerBanEntity::view).filter(b -> b.until() == null || b.until().isAfter(now));
    }

    /** Bans, the newest first (ended ones only until the next sweep). */
    public List<Ban> latest(int limit) {
        return rows.findAllByOrderByBannedAtDesc(PageRequest.of(0, Math.clamp(limit, 1, MAX_PAGE))).stream()
                .map(PlayerBanEntity::view).toList();
    }

    /** Lifts every ban whose end has passed. @return how many */
    int sweep() {
        int lifted = 0;
        List<String> ended;
        do {
            ended = rows.endedBefore(clock.instant(), PageRequest.of(0, SWEEP_BATCH));
            for (String playerId : ended) {
                // an operator may have banned the player again since the query; that newer ban stays
                if (of(playerId).isPresent()) continue;
                revocations.restore(playerId);
                rows.deleteById(playerId);
                lifted++;
                log.info("ban of player {} ended", playerId);
            }
        } while (ended.size() == SWEEP_BATCH);
        follow();
        return lifted;
    }

    /** Applies the bans other nodes made or lifted since the last sweep to this node's revocations. */
    private void follow() {
        Instant since = clock.instant().minus(revocations.window());
        var now = new java.util.HashMap<String, Instant>();
        for (PlayerBanEntity b : rows.findByBannedAtAfter(since, PageRequest.of(0, MAX_FOLLOWED))) now.put(b.getPlayerId(), b.getBannedAt());
        now.forEach((playerId, at) -> {
            if (!followed.contains(playerId)) revocations.revokeHere(playerId, at);
        });
        for (String playerId : followed) if (!now.containsKey(playerId)) revocations.restoreHere(playerId);
        followed = java.util.Set.copyOf(now.keySet());
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("ban sweep failed; ended bans are lifted by the next one", e);
        }
    }
}
