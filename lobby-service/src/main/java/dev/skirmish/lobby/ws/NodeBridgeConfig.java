package dev.skirmish.lobby.ws;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** Fan-out {@code node}: every message the lobby publishes passes {@link NodeBridge} on its way to this node's broker. */
@Configuration
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node")
class NodeBridgeConfig implements WebSocketMessageBrokerConfigurer {
    private final NodeBridge bridge;

    // lazy: the bridge needs the broker channel, which is built from this configurer
    NodeBridgeConfig(@Lazy NodeBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.configureBrokerChannel().interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                bridge.outbound(message);
                return message;
            }
        });
    }
}
