package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.config.ModerationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * Players an operator muted, until when and why. Stored in {@code chat_mutes} so a restart lifts nothing; held in
 * memory too, because every chat message asks. Only operators add entries (one per player, at most
 * {@link #MAX_DURATION} long); the sweep deletes ended rows and reads the active ones again, so the map stays as
 * small as the set of players muted right now, and a mute made on another node of a cluster applies here as well.
 */
@Service
public class ChatMutes {
    private static final Logger log = LoggerFactory.getLogger(ChatMutes.class);
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    public record Mute(Instant until, String reason) {
    }

    private final ChatMuteRepository rows;
    private final Clock clock;
    /** Replaced whole by each sweep; written under this object's lock. */
    private volatile Map<String, Mute> mutes = Map.of();

    ChatMutes(ChatMuteRepository rows, Clock clock, TaskScheduler lobbyScheduler, ModerationProperties props) {
        this.rows = rows;
        this.clock = clock;
        sweep();
        lobbyScheduler.scheduleWithFixedDelay(this::sweepLogged, clock.instant().plus(props.sweepInterval()), props.sweepInterval());
    }

    /** Mutes the player for {@code duration} (1 s to {@link #MAX_DURATION}); a new mute replaces an older one. */
    public synchronized Mute mute(String playerId, Duration duration, String reason, String operator) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0)
            throw new IllegalArgumentException("a mute lasts 1 s to " + MAX_DURATION.toDays() + " days");
        Instant now = clock.instant();
        // whole milliseconds: what the database keeps is what every answer shows
        var mute = new Mute(now.plus(duration).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), reason);
        rows.save(new ChatMuteEntity(playerId, now, mute.until(), reason, operator));
        var next = new HashMap<>(mutes);
        next.put(playerId, mute);
        mutes = Map.copyOf(next);
        return mute;
    }

    public synchronized boolean unmute(String playerId) {
        boolean stored = rows.existsById(playerId);
        if (stored) rows.deleteById(playerId);
        var next = new HashMap<>(mutes);
        boolean held = next.remove(playerId) != null;
        mutes = Map.copyOf(next);
        return stored || held;
    }

    /** The player's mute while it lasts. */
    public Optional<Mute> of(String playerId) {
        Mute m = mutes.get(playerId);
        return m != null && m.until().isAfter(clock.instant()) ? Optional.of(m) : Optional.empty();
    }

    /** Deletes ended mutes and reads the active ones (this node's and every other node's) from the database. */
    synchronized void sweep() {
        Instant now = clock.instant();
        rows.deleteEnded(now);
        Map<String, Mute> active = new HashMap<>();
        for (ChatMuteEntity e : rows.findByEndsAtAfter(now)) active.put(e.getPlayerId(), new Mute(e.getEndsAt(), e.getReason()));
        mutes = Map.copyOf(active);
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("mute sweep failed; the mutes in memory stay as they are until the next one", e);
        }
    }

    int size() {
        return mutes.size();
    }
}
