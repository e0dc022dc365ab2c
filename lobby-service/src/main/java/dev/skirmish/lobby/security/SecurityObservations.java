package dev.skirmish.lobby.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Micrometer observations inside Spring Security (issue 19, CPU per sign-up and join). With an observation registry
 * present (actuator + tracing) Spring Security wraps every filter of every chain, and each authentication and
 * authorization, in an observation of its own: a dozen observations per REST call, which nothing here records (no
 * collector; the request's own {@code http.server.requests} observation and the match-start trace are Spring MVC's
 * and the lobby's, not these), at a cost visible in every join's profile.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
