package dev.skirmish.lobby;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

/** No default user: every caller authenticates with a bearer token (see security.SecurityConfig). */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LobbyApplication {
    /**
     * Tomcat's WebSocket read, write and encoder buffers (three per connection, kept for its life) take their size
     * from this JVM property, read once when Tomcat's WebSocket classes load, so it is set before anything starts.
     * 2 KiB instead of 8 KiB: chat frames are ~250 bytes (issue 19, memory per connection); a larger frame just
     * takes several passes. {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=8192} restores Tomcat's size.
     */
    static final String WS_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    public static void main(String[] args) {
        if (System.getProperty(WS_BUFFER_PROPERTY) == null) System.setProperty(WS_BUFFER_PROPERTY, "2048");
        SpringApplication.run(LobbyApplication.class, args);
    }
}
