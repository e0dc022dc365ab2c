package dev.skirmish.lobby;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** No default user: every caller authenticates with a bearer token (see security.SecurityConfig). */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LobbyApplication {
    public static void main(String[] args) {
        SpringApplication.run(LobbyApplication.class, args);
    }
}
