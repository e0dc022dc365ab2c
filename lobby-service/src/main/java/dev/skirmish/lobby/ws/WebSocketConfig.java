package dev.skirmish.lobby.ws;

import jakarta.servlet.ServletContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** STOMP over plain WebSocket at {@code /ws}, with frame, buffer and send-time limits and 10 s heartbeats. */
@Configuration
@EnableWebSocketMessageBroker
public class WebSocketConfig implements WebSocketMessageBrokerConfigurer {
    static final int MAX_FRAME_BYTES = 16 * 1024;
    static final int SEND_BUFFER_BYTES = 512 * 1024;
    static final int SEND_TIME_MILLIS = 10_000;
    /**
     * The container's whole-message buffer for text frames (STOMP clients send text): a little above the STOMP frame
     * limit, so a frame between the two gets a STOMP ERROR frame saying why (Tomcat's default of 8 KiB would close
     * such a connection with a bare 1009 instead). Tomcat allocates it per connection, in chars (2 bytes each), so
     * it is kept small: 24 KiB costs 48 KB per connection. Binary frames keep Tomcat's 8 KiB.
     */
    static final int CONTAINER_TEXT_BUFFER = 24 * 1024;

    private final StompGuard guard;
    private final RoomTopicFilter roomTopicFilter;
    private final TaskScheduler scheduler;

    public WebSocketConfig(StompGuard guard, RoomTopicFilter roomTopicFilter, TaskScheduler lobbyScheduler) {
        this.guard = guard;
        this.roomTopicFilter = roomTopicFilter;
        this.scheduler = lobbyScheduler;
    }

    @Bean
    public ServletServerContainerFactoryBean webSocketContainer() {
        var container = new WhenPresent();
        container.setMaxTextMessageBufferSize(CONTAINER_TEXT_BUFFER);
        return container;
    }

    /** Configures the WebSocket container when there is one (not in a mock servlet environment, as in service tests). */
    static final class WhenPresent extends ServletServerContainerFactoryBean {
        private boolean present;

        @Override
        public void setServletContext(ServletContext servletContext) {
            present = servletContext.getAttribute("jakarta.websocket.server.ServerContainer") != null;
            if (present) super.setServletContext(servletContext);
        }

        @Override
        public void afterPropertiesSet() {
            if (present) super.afterPropertiesSet();
        }
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // game clients are not browsers: any origin may connect, the bearer token is what authenticates
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        registry.setPreservePublishOrder(true);
        registry.enableSimpleBroker("/topic", "/queue").setHeartbeatValue(new long[] {10_000, 10_000}).setTaskScheduler(scheduler);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(MAX_FRAME_BYTES).setSendBufferSizeLimit(SEND_BUFFER_BYTES).setSendTimeLimit(SEND_TIME_MILLIS);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(roomTopicFilter);
    }
}
