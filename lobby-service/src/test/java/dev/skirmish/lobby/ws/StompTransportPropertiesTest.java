package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code /ws} transport's settings as Spring binds them (README's configuration table says the same). */
class StompTransportPropertiesTest {
    private static StompTransportProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("skirmish.lobby", StompTransportProperties.class);
    }

    @Test
    void defaultsAreNoDeflateAndAnAcceptQueueOf1024() {
        StompTransportProperties transport = bind(Map.of());
        assertThat(transport.wsPermessageDeflate()).isFalse();
        assertThat(transport.acceptQueue()).isEqualTo(1024);
    }

    /** A backlog of 0 silently became the JVM's 50 (Jetty's default), the burst-of-joins trap the setting exists for. */
    @Test
    void anAcceptQueueBelowOneIsRefusedAtStartUp() {
        assertThatThrownBy(() -> bind(Map.of("skirmish.lobby.accept-queue", "0")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("accept-queue must be 1 to 65535, not 0");
        assertThat(bind(Map.of("skirmish.lobby.accept-queue", "1")).acceptQueue()).isEqualTo(1);
    }
}
