package dev.skirmish.orchestrator.sessions;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heartbeats are the orchestrator's most frequent call (one per second per server): the liveness and the stats
 * stay in memory (views and metrics read them from there), and a transaction is only spent on a state change
 * (READY → RUNNING) or when the stored stats are {@link #STATS_STORE_PERIOD} old; the end of a session stores the
 * last ones ({@link SessionEndings#finish}).
 */
@Component
public class SessionHeartbeats {
    private static final Logger log = LoggerFactory.getLogger(SessionHeartbeats.class);
    /** How stale the stored heartbeat stats of a live session may get (views show the live ones). */
    static final Duration STATS_STORE_PERIOD = Duration.ofSeconds(10);

    private final SessionStore store;
    private final JsonMapper json;

    SessionHeartbeats(SessionStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    public void heartbeat(LiveSession live, Heartbeat beat) {
        synchronized (live) {
            if (live.state().terminal()) {
                return;
            }
            Instant now = Instant.now();
            live.heartbeatAt(now);
            live.lastStats(beat);
            SessionState before = live.state();
            SessionState state = before;
            // an unallocated warm server stays READY (allocatable) whatever it reports
            if (before == SessionState.READY && beat.running() && live.roomId() != null && !live.idleWarm()) {
                state = SessionState.RUNNING;
            }
            Instant storedAt = live.statsStoredAt();
            if (state == before && storedAt != null && now.isBefore(storedAt.plus(STATS_STORE_PERIOD))) {
                return;
            }
            String stats = json.writeValueAsString(beat);
            SessionState stored = state;
            store.update(live, e -> {
                e.setLastStatsJson(stats);
                e.setState(stored);
            });
            live.statsStoredAt(now);
            if (state != before) {
                live.state(state);
                log.info("session {} RUNNING", live.id());
            }
        }
    }
}
