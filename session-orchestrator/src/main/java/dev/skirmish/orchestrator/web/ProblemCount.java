package dev.skirmish.orchestrator.web;

import io.micrometer.core.instrument.Metrics;
import java.util.Locale;
import org.springframework.http.ProblemDetail;

/**
 * Errors by problem code (docs/observability.md): {@code skirmish.problems}, the lobby's meter name too. On the
 * global registry, which Spring Boot binds to the Prometheus one, because the security filters answer outside any
 * bean. Codes and titles are constants of this code base, never caller input, so the tags stay bounded.
 */
public final class ProblemCount {
    public static final String PROBLEMS = "skirmish.problems";

    private ProblemCount() {
    }

    public static void count(String code, int status) {
        Metrics.counter(PROBLEMS, "code", code, "status", Integer.toString(status)).increment();
    }

    /** Its {@code code} property, else its title in upper snake case ("Game server not ready": GAME_SERVER_NOT_READY). */
    static void count(ProblemDetail p) {
        Object code = p.getProperties() == null ? null : p.getProperties().get("code");
        String name = code instanceof String s ? s
                : p.getTitle() == null ? "UNKNOWN" : p.getTitle().strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        count(name, p.getStatus());
    }
}
