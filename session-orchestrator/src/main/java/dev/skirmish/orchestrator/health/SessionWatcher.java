package dev.skirmish.orchestrator.health;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import dev.skirmish.orchestrator.sessions.SessionSupervision;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Walks the live sessions a few times a second: missed heartbeats, READY timeouts of warm servers, the reaper
 * for matches past their length + grace, and forced kills after a stop grace period.
 */
@Component
public class SessionWatcher {
    private final SessionRegistry registry;
    private final SessionSupervision supervision;

    public SessionWatcher(SessionRegistry registry, SessionSupervision supervision, OrchestratorProperties props) {
        this.registry = registry;
        this.supervision = supervision;
    }

    @Scheduled(fixedDelayString = "${skirmish.orchestrator.watch-period:200ms}")
    public void check() {
        for (LiveSession live : registry.all()) {
            supervision.check(live);
        }
    }
}
