package dev.skirmish.lobby.ws;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/** STOMP over plain WebSocket at {@code /ws}, with frame, buffer and send-time limits and 10 s heartbeats. */
@Configuration
@EnableWebSocketMessageBroker
public class WebSocketConfig implements WebSocketMessageBrokerConfigurer {
    static final int MAX_FRAME_BYTES = 16 * 1024;
    static final int SEND_BUFFER_BYTES = 512 * 1024;
    static final int SEND_TIME_MILLIS = 10_000;

    private final StompGuard guard;
    private final RoomTopicFilter roomTopicFilter;
    private final TaskScheduler scheduler;

    public WebSocketConfig(StompGuard guard, RoomTopicFilter roomTopicFilter, TaskScheduler lobbyScheduler) {
        this.guard = guard;
        this.roomTopicFilter = roomTopicFilter;
        this.scheduler = lobbyScheduler;
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
