package dev.skirmish.lobby.ws;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes Tomcat's per-connection socket buffers for chat-sized frames (issue 19, memory per connection): the setting
 * {@code skirmish.lobby.ws-socket-buffer} ({@link StompTransportProperties}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectionBuffers {
    @Bean
    TomcatConnectorCustomizer socketBufferSizes(StompTransportProperties transport) {
        String bytes = Long.toString(Math.max(512, transport.wsSocketBuffer().toBytes()));
        return connector -> {
            connector.setProperty("socket.appReadBufSize", bytes);
            connector.setProperty("socket.appWriteBufSize", bytes);
        };
    }
}
