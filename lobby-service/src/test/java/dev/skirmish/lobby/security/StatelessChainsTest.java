package dev.skirmish.lobby.security;

import dev.skirmish.lobby.support.IntegrationTestBase;
import java.util.List;
import jakarta.servlet.ServletContext;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.SessionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 (CPU per join) dropped the session, servlet-API and anonymous filters from every chain; these tests pin
 * what stays and show that the chains are still stateless.
 * <p>
 * Attack: a flood of requests, each leaving an HTTP session behind (a saved request, a security context, an
 * anonymous user's session) — per-caller state that nobody bounds or cleans, and a session cookie that a forged
 * cross-site request could ride on. No request of any kind, refused or not, may create a session.
 */
class StatelessChainsTest extends IntegrationTestBase {
    /** What a stateless bearer-token chain does not need: each runs per request for nothing. */
    private static final List<String> NOT_NEEDED = List.of("SessionManagementFilter", "DisableEncodeUrlFilter",
            "SecurityContextHolderAwareRequestFilter", "AnonymousAuthenticationFilter", "CsrfFilter", "RequestCacheAwareFilter",
            "LogoutFilter", "UsernamePasswordAuthenticationFilter", "BasicAuthenticationFilter", "DefaultLoginPageGeneratingFilter");
    /** The defenses: the context cleared after each request, security headers, 401/403 answers, the rules. */
    private static final List<String> DEFENSES = List.of("SecurityContextHolderFilter", "HeaderWriterFilter",
            "ExceptionTranslationFilter", "AuthorizationFilter");

    @Autowired
    FilterChainProxy chains;
    @Autowired
    ServletContext servletContext;

    @Test
    void everyChainRunsItsDefensesAndNothingASessionlessBearerApiDoesNotNeed() {
        assertThat(chains.getFilterChains()).hasSize(6);
        for (var chain : chains.getFilterChains()) {
            List<String> names = chain.getFilters().stream().map(f -> f.getClass().getSimpleName()).toList();
            // Actuator's health details ("when-authorized") ask the request for its principal: that chain keeps the wrapper
            boolean actuator = chain.toString().contains("PathPattern [/actuator]");
            var notNeeded = NOT_NEEDED.stream().filter(f -> !(actuator && f.equals("SecurityContextHolderAwareRequestFilter"))).toList();
            assertThat(names).as(chain.toString()).containsAll(DEFENSES).doesNotContainAnyElementsOf(notNeeded);
        }
    }

    @Test
    void noRequestCreatesAnHttpSessionWhetherAllowedOrRefused() {
        SessionHandler sessions = sessionManager();
        long before = sessions.getSessionsCreated();
        var owner = http.guest(name("stateless"));
        var joiner = http.guest(name("stateless"));
        String roomId = http.post("/api/rooms", owner.get("token").asString(), "{\"name\":\"no sessions\",\"capacity\":4}").body().get("id").asString();
        assertThat(http.post("/api/rooms/" + roomId + "/join", joiner.get("token").asString(), "{}").status()).isEqualTo(200);
        // refused on every chain: no token, a bad one, a player token where an operator's or the service key is needed, a denied path
        var refused = List.of(http.get("/api/rooms", null), http.get("/api/rooms", "x.y.1.zz"),
                http.get("/api/admin/players", owner.get("token").asString()), http.get("/actuator/prometheus", null),
                http.post("/internal/sessions/events", null, "{}"), http.get("/no-such-page", null));
        // every refusal stays the documented 401 UNAUTHORIZED (docs/lobby-api.md), the denied path's too
        assertThat(refused).extracting(r -> r.status()).containsOnly(401);
        assertThat(refused).extracting(r -> r.body().get("code").asString()).containsOnly("UNAUTHORIZED");
        var raw = http.exchange("GET", "/api/rooms", null, null);
        assertThat(raw.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(sessions.getSessionsCreated()).as("HTTP sessions created").isEqualTo(before);
    }

    /** The container's own count of HTTP sessions it created (Jetty's session handler of the lobby's context). */
    private SessionHandler sessionManager() {
        return ServletContextHandler.getServletContextHandler(servletContext).getSessionHandler();
    }
}
