package dev.skirmish.lobby.security;

import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * One filter chain per kind of caller, chosen by Spring's path-pattern request matchers on the firewalled request
 * (never by a string test on the raw URI, which is how {@code /%69nternal/...} once passed as a player call):
 * <ul>
 *   <li>{@code /internal/**}: the service key (the orchestrator's session events);</li>
 *   <li>{@code /actuator/**}: health status and the liveness/readiness probes open, everything else (details,
 *       prometheus, info) with the service key;</li>
 *   <li>OpenAPI and Swagger UI: open, in profile {@code prod} with the service key;</li>
 *   <li>{@code /api/admin/**}: an operator token (role {@code ADMIN}), except the operators' sign-in;</li>
 *   <li>{@code /api/**}: a player token, except guest sign-in and refresh;</li>
 *   <li>the rest: {@code /ws} (the STOMP CONNECT frame carries the token, see the ws package) and the error page;
 *       anything else is refused.</li>
 * </ul>
 * All chains are stateless bearer-token chains: no session, no CSRF (no cookie ever authenticates), no form login,
 * no HTTP Basic, no default user.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
    static final String PLAYER_401 = "missing, invalid or expired bearer token; sign in with POST /api/players/guest";
    static final String ADMIN_401 = "missing, invalid or expired operator token; sign in with POST /api/admin/sign-in";
    static final String SERVICE_401 = "missing or wrong service key";
    static final String[] DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(new PathFirewall()).requestRejectedHandler(PathFirewall.rejectedHandler());
    }

    @Bean
    @Order(1)
    SecurityFilterChain internalChain(HttpSecurity http, ServiceKey key) throws Exception {
        return bearerChain(http.securityMatcher("/internal/**"), SERVICE_401)
                .addFilterBefore(BearerFilters.serviceKey(key), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ServiceKey.ROLE))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http, ServiceKey key) throws Exception {
        return bearerChain(http.securityMatcher("/actuator", "/actuator/**"), SERVICE_401)
                // health details "when-authorized": Actuator asks the request (getUserPrincipal), not the security context
                .servletApi(Customizer.withDefaults())
                .addFilterBefore(BearerFilters.serviceKey(key), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // the status alone (details only for the service key: management.endpoint.health.show-details)
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .anyRequest().hasRole(ServiceKey.ROLE))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain docsChain(HttpSecurity http, ServiceKey key, Environment env) throws Exception {
        boolean prod = Arrays.asList(env.getActiveProfiles()).contains("prod");
        return bearerChain(http.securityMatcher(DOCS), SERVICE_401)
                .addFilterBefore(BearerFilters.serviceKey(key), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    if (prod) a.anyRequest().hasRole(ServiceKey.ROLE);
                    else a.anyRequest().permitAll();
                })
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain adminChain(HttpSecurity http, TokenService tokens) throws Exception {
        // only operator tokens count here: a player token authenticates nothing on this chain, so it gets 401
        return bearerChain(http.securityMatcher("/api/admin", "/api/admin/**"), ADMIN_401)
                .addFilterBefore(BearerFilters.adminToken(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/admin/sign-in").permitAll()
                        .anyRequest().hasRole(AdminAuthentication.ROLE))
                .build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain playerChain(HttpSecurity http, TokenService tokens, PlayerActivity activity) throws Exception {
        return bearerChain(http.securityMatcher("/api/**"), PLAYER_401)
                .addFilterBefore(BearerFilters.playerToken(tokens, activity), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // refresh reads its (possibly expired) token itself
                        .requestMatchers("/api/players/guest", "/api/players/refresh").permitAll()
                        .anyRequest().hasRole("PLAYER"))
                .build();
    }

    @Bean
    @Order(6)
    SecurityFilterChain restChain(HttpSecurity http) throws Exception {
        return bearerChain(http, PLAYER_401)
                .authorizeHttpRequests(a -> a
                        // the WebSocket handshake: STOMP authenticates and authorizes each frame (ws.StompGuard)
                        .requestMatchers("/ws", "/error").permitAll()
                        // the operator console's static page and script: public, they hold no data; every data call
                        // they make goes to /api/admin/** and needs an operator token
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/index.html", "/console/console.js",
                                "/console/players.js", "/console/pages.js", "/console/console.css").permitAll()
                        .anyRequest().denyAll())
                // this chain authenticates no one, so every denial is of a caller without credentials: 401 as for any
                // missing token (without an anonymous user, a denial would otherwise take the 403 handler)
                .exceptionHandling(e -> e.accessDeniedHandler(ProblemResponses.unauthorizedDenial(PLAYER_401)))
                .build();
    }

    /**
     * What every chain shares. Only the filters a stateless bearer-token API needs run on each request (issue 19:
     * CPU per join): no session management (its {@code SessionManagementFilter} and {@code DisableEncodeUrlFilter}
     * guard session ids, and no session ever exists: the context lives in a request attribute and nothing caches a
     * request), no servlet-API wrapper (nothing but Actuator, whose chain keeps it, asks the request for its principal
     * or roles; STOMP and {@code @AuthenticationPrincipal} read the security context), no anonymous user (a request without a valid token
     * has no authentication, which the authorization rules answer with the same 401 an anonymous one got).
     * {@code ChainFilterListTest} pins the list.
     */
    private static HttpSecurity bearerChain(HttpSecurity http, String unauthorized) throws Exception {
        return http
                .csrf(c -> c.disable()) // bearer tokens in a header, never cookies: nothing for a forged request to ride on
                .sessionManagement(s -> s.disable())
                .servletApi(s -> s.disable())
                .anonymous(a -> a.disable())
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized(unauthorized))
                        .accessDeniedHandler(ProblemResponses.forbidden("not allowed")));
    }
}
