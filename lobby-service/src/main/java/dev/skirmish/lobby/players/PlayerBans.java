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
 * passed: the row goes and the player's tokens (those still within their own lifetime) work again.
 */
@Component
public class PlayerBans {
    private static final Logger log = LoggerFactory.getLogger(PlayerBans.class);
    public static final int MAX_PAGE = 500;
    private static final int SWEEP_BATCH = 500;

    /** {@code until} null: until an operator lifts it. */
    public record Ban(String playerId, Instant bannedAt, Instant until, String reason, String operator) {
    }

    private final PlayerBanRepository rows;
    private final TokenRevocations revocations;
    private final Clock clock;

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
        return lifted;
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("ban sweep failed; ended bans are lifted by the next one", e);
        }
    }
}
