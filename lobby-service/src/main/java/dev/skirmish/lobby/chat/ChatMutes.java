package dev.skirmish.lobby.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * Players an operator muted, until when and why. Only operators add entries (one per player, at most
 * {@link #MAX_DURATION} long) and the cleaner drops ended ones every minute, so the map stays as small as the set of
 * players muted right now. Held in memory: a restart lifts every mute (the audit log keeps the record).
 */
@Service
public class ChatMutes {
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    public record Mute(Instant until, String reason) {
    }

    private final Map<String, Mute> mutes = new ConcurrentHashMap<>();
    private final Clock clock;

    ChatMutes(Clock clock, TaskScheduler lobbyScheduler) {
        this.clock = clock;
        lobbyScheduler.scheduleWithFixedDelay(this::clean, Duration.ofMinutes(1));
    }

    /** Mutes the player for {@code duration} (1 s to {@link #MAX_DURATION}); a new mute replaces an older one. */
    public Mute mute(String playerId, Duration duration, String reason) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0)
            throw new IllegalArgumentException("a mute lasts 1 s to " + MAX_DURATION.toDays() + " days");
        var mute = new Mute(clock.instant().plus(duration), reason);
        mutes.put(playerId, mute);
        return mute;
    }

    public boolean unmute(String playerId) {
        return mutes.remove(playerId) != null;
    }

    /** The player's mute while it lasts. */
    public Optional<Mute> of(String playerId) {
        Mute m = mutes.get(playerId);
        return m != null && m.until().isAfter(clock.instant()) ? Optional.of(m) : Optional.empty();
    }

    void clean() {
        Instant now = clock.instant();
        mutes.values().removeIf(m -> !m.until().isAfter(now));
    }

    int size() {
        return mutes.size();
    }
}
