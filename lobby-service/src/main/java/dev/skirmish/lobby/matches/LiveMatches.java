package dev.skirmish.lobby.matches;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The connect token of each player in a running match, kept so that a player whose client restarted can get it
 * again ({@code GET /api/matches/current}, or a new subscription to {@code /user/queue/match}). Tokens are bearer
 * secrets: they live only in memory (never in the database or a log), are keyed by the player they were issued to,
 * and go when the match ends, or at the latest when the token itself has expired (the orchestrator issues them until
 * match end + its reconnect grace). The map is bounded: a player has one entry (one match at a time), so it holds at
 * most the players of the running matches, and a hard cap keeps it finite whatever happens.
 *
 * <p>Profile {@code cluster}: a player may come back on another node than the one that launched its match, so the
 * assignments are also stored in PostgreSQL, token sealed ({@link SharedAssignments}), and a miss here is answered
 * from there; the match row still decides whether the match runs.
 */
@Component
public class LiveMatches {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LiveMatches.class);
    /** Far above the players of any orchestrator's running matches (max-sessions × 8 seats). */
    static final int MAX_ENTRIES = 65_536;
    /** The orchestrator's token-expiry slack (reconnect-grace, 60 s) plus room for clock and launch delays. */
    static final Duration EXPIRY_SLACK = Duration.ofMinutes(2);
    private static final int SWEEP_EVERY = 256;

    private record Entry(MatchAssignment assignment, Instant expires) {
    }

    private final Map<String, Entry> byPlayer = new ConcurrentHashMap<>();
    private final AtomicInteger putsSinceSweep = new AtomicInteger();
    private final MatchRepository matches;
    private final Clock clock;
    /** Profile cluster only, else null. */
    private final SharedAssignments shared;

    @Autowired
    public LiveMatches(MatchRepository matches, Clock clock, ObjectProvider<SharedAssignments> shared) {
        this(matches, clock, shared.getIfAvailable());
    }

    /** One lobby process: memory only. */
    LiveMatches(MatchRepository matches, Clock clock) {
        this(matches, clock, (SharedAssignments) null);
    }

    LiveMatches(MatchRepository matches, Clock clock, SharedAssignments shared) {
        this.matches = matches;
        this.clock = clock;
        this.shared = shared;
    }

    @EventListener
    public void issued(MatchAssignment a) {
        Instant now = clock.instant();
        if (putsSinceSweep.incrementAndGet() >= SWEEP_EVERY || byPlayer.size() >= MAX_ENTRIES) {
            putsSinceSweep.set(0);
            byPlayer.values().removeIf(e -> !e.expires().isAfter(now));
        }
        if (byPlayer.size() >= MAX_ENTRIES && !byPlayer.containsKey(a.playerId())) {
            // still full of live tokens: drop the one closest to expiry, never refuse the newest match its tokens
            byPlayer.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Entry::expires)))
                    .ifPresent(oldest -> byPlayer.remove(oldest.getKey(), oldest.getValue()));
        }
        Instant expires = now.plusSeconds(Math.max(a.matchSeconds(), 0)).plus(EXPIRY_SLACK);
        byPlayer.put(a.playerId(), new Entry(a, expires));
        if (shared == null) return;
        try {
            shared.store(a, expires);
        } catch (RuntimeException e) {
            // the match is launched whatever happens here; only another node's answer for this player is missing
            log.warn("could not store the assignment of player {} in session {}; only this node can hand it back", a.playerId(), a.sessionId(), e);
        }
    }

    /** Forgets every token of a session (its match ended). */
    void ended(String sessionId) {
        byPlayer.values().removeIf(e -> e.assignment().sessionId().equals(sessionId));
        if (shared != null) shared.ended(sessionId);
    }

    /**
     * The assignment of this player's match if that match is still RUNNING in the match history (the history, not
     * this map, says whether it runs: an end applied by any path counts).
     */
    public Optional<MatchAssignment> current(String playerId) {
        if (playerId == null) return Optional.empty();
        Entry e = byPlayer.get(playerId);
        if (e == null) return shared == null ? Optional.empty() : sharedCurrent(playerId);
        if (!e.expires().isAfter(clock.instant())) {
            byPlayer.remove(playerId, e);
            return Optional.empty();
        }
        if (!running(e.assignment().sessionId())) {
            byPlayer.remove(playerId, e);
            return Optional.empty();
        }
        return Optional.of(e.assignment());
    }

    private Optional<MatchAssignment> sharedCurrent(String playerId) {
        Optional<MatchAssignment> a = shared.find(playerId);
        if (a.isEmpty() || running(a.get().sessionId())) return a;
        shared.forget(playerId, a.get().sessionId());
        return Optional.empty();
    }

    private boolean running(String sessionId) {
        return matches.findBySessionId(sessionId).map(m -> "RUNNING".equals(m.getState())).orElse(false);
    }

    /** A player kicked from its match: its token is not handed out again (the game server refuses it anyway). */
    void forget(String playerId, String sessionId) {
        byPlayer.remove(playerId);
        // in profile cluster the other nodes answer from the shared row: it goes too (by key, the token stays sealed)
        if (shared != null) shared.forget(playerId, sessionId);
    }

    int size() {
        return byPlayer.size();
    }

    /** Whether an entry is held for this player, whatever its match's state (for tests of the cleaner). */
    boolean holds(String playerId) {
        return byPlayer.containsKey(playerId);
    }
}
