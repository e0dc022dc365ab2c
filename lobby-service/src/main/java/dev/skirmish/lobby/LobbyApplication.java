package dev.skirmish.lobby;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/**
 * No default user: every caller authenticates with a bearer token (see security.SecurityConfig). No logback turbo
 * filter from Micrometer: {@code ops.LogEventCounts} counts {@code logback.events} from an appender instead.
 */
@SpringBootApplication(exclude = {UserDetailsServiceAutoConfiguration.class, LogbackMetricsAutoConfiguration.class})
@ConfigurationPropertiesScan
public class LobbyApplication {
    public static void main(String[] args) {
        SpringApplication.run(LobbyApplication.class, args);
    }
}
