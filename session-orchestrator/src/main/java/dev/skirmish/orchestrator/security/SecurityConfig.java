package dev.skirmish.orchestrator.security;

import dev.skirmish.orchestrator.config.ServiceKeyProperties;
import dev.skirmish.orchestrator.launch.agones.AgonesProperties;
import dev.skirmish.orchestrator.launch.agones.FleetCredentials;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One filter chain per kind of caller, each chosen by Spring's matchers on the firewalled request (never by a
 * string test on the raw URI): game servers on {@code /internal/sessions/{id}/**} with that session's own key,
 * the lobby on {@code /api/**} with the service key, operators on the actuator (probes open, the rest with the
 * service key) and on the API docs (with the service key in profile {@code prod}); everything else is refused.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {
    static final String CALLBACKS = "/internal/sessions/{" + SessionKeyAuthorizationManager.ID + "}/**";
    static final String AGONES_ASSIGNMENT = "/internal/agones/gameservers/{"
            + FleetCredentialAuthorizationManager.NAME + "}/assignment";
    private static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /**
     * Spring's strict firewall, plus: no percent-encoding at all in the path. Every path of this API is plain
     * ASCII, and an encoded one ({@code /%69nternal/...}) exists only to look different to one check than to
     * another; {@code ;} path parameters are refused by the strict firewall itself.
     */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.getEncodedUrlBlocklist().add("%");
        RequestRejectedHandler rejected = (request, response, e) -> ProblemResponses.write(response,
                HttpStatus.BAD_REQUEST, "Bad request", "the request path is not allowed (encoded or ';' path)",
                "REQUEST_REJECTED");
        return web -> web.httpFirewall(firewall).requestRejectedHandler(rejected);
    }

    /** No user accounts exist: keeps Spring Boot from creating one with a generated password. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("the orchestrator has no user accounts");
        };
    }

    /**
     * Agones game servers fetch their match with the fleet credential of their own GameServer name (the agones
     * launcher, docs/kubernetes.md); before the session-key chain, which would refuse every other /internal path.
     */
    @Bean
    @Order(0)
    SecurityFilterChain agonesAssignments(HttpSecurity http, AgonesProperties agones) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        FleetCredentials credentials = new FleetCredentials(agones.fleetSecret());
        return stateless(http)
                .securityMatcher(paths.matcher("/internal/agones/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(paths.matcher(HttpMethod.GET, AGONES_ASSIGNMENT))
                        .access(new FleetCredentialAuthorizationManager(credentials))
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::fleetCredentialRefused)
                        .accessDeniedHandler(SecurityConfig::fleetCredentialRefused))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain gameServerCallbacks(HttpSecurity http, SessionRegistry registry) throws Exception {
        PathPatternRequestMatcher callbacks = PathPatternRequestMatcher.withDefaults().matcher(CALLBACKS);
        return stateless(http)
                .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/internal/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(callbacks).access(new SessionKeyAuthorizationManager(registry))
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::callbackRefused)
                        .accessDeniedHandler((req, res, ex) -> callbackRefused(req, res, ex)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain serviceApi(HttpSecurity http, ServiceKeyProperties keys) throws Exception {
        return withServiceKey(stateless(http), keys)
                .securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(ServiceKeyFilter.ROLE))
                .build();
    }

    /** Probes stay open (compose and ./skirmish poll them); metrics, info and health details need the key. */
    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, ServiceKeyProperties keys) throws Exception {
        return withServiceKey(stateless(http), keys)
                .securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole(ServiceKeyFilter.ROLE))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain apiDocs(HttpSecurity http, ServiceKeyProperties keys, Environment env) throws Exception {
        boolean prod = env.acceptsProfiles(Profiles.of("prod"));
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return withServiceKey(stateless(http), keys)
                .securityMatcher(new OrRequestMatcher(Arrays.stream(API_DOCS).map(paths::matcher)
                        .map(RequestMatcher.class::cast).toList()))
                .authorizeHttpRequests(a -> {
                    if (prod) {
                        a.anyRequest().hasRole(ServiceKeyFilter.ROLE);
                    } else {
                        a.anyRequest().permitAll();
                    }
                })
                .build();
    }

    /** Anything else: only the error page (rendered after a refusal elsewhere) is reachable. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return stateless(http)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/error")).permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::needsServiceKey))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        // bearer keys only: no cookies, so no session, no CSRF token, no login forms, no saved requests
        return http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
    }

    private static HttpSecurity withServiceKey(HttpSecurity http, ServiceKeyProperties keys) throws Exception {
        return http.addFilterBefore(new ServiceKeyFilter(keys.serviceKey()), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::needsServiceKey));
    }

    private static void needsServiceKey(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "this API needs the service key as bearer token", "SERVICE_KEY_REQUIRED");
    }

    private static void fleetCredentialRefused(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "an assignment fetch needs the"
                + " fleet credential of its own GameServer name as bearer token", "FLEET_CREDENTIAL_REQUIRED");
    }

    private static void callbackRefused(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        SessionKeyAuthorizationManager.Decision decision = decision(e);
        if (decision != null && decision.unknownSession) {
            ProblemResponses.write(response, HttpStatus.NOT_FOUND, "Session not found",
                    "no live session " + decision.sessionId, "SESSION_NOT_FOUND");
            return;
        }
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "a game-server callback needs its session key as bearer token", "SESSION_KEY_REQUIRED");
    }

    /** The authorization result behind a refusal (the entry point gets it wrapped as the exception's cause). */
    private static SessionKeyAuthorizationManager.Decision decision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthorizationDeniedException denied
                    && denied.getAuthorizationResult() instanceof SessionKeyAuthorizationManager.Decision d) {
                return d;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
