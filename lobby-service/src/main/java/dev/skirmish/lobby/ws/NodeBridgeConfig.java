package dev.skirmish.lobby.ws;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Fan-out {@code node}: every message the lobby publishes passes {@link NodeBridge} on its way to this node's broker,
 * and the broker's subscriptions pass {@link BridgeRegistry}, which tells the bridge which topics to listen to.
 */
@Configuration
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node", matchIfMissing = true)
class NodeBridgeConfig implements WebSocketMessageBrokerConfigurer {
    private final NodeBridge bridge;
    private final RoomMembersCache members;

    // lazy: the bridge needs the broker channel, which is built from this configurer
    NodeBridgeConfig(@Lazy NodeBridge bridge, @Lazy RoomMembersCache members) {
        this.bridge = bridge;
        this.members = members;
    }

    /** Static: a post-processor is built before the configuration's other beans; the topics are resolved later. */
    @Bean
    static BeanPostProcessor bridgeRegistryInstaller(ObjectProvider<BridgeTopics> topics, ObjectProvider<RoomMembersCache> members) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // Spring's broker or the FanoutBroker that replaces it (which copies its registry): whichever comes first
                if (bean instanceof SimpleBrokerMessageHandler broker && !(broker.getSubscriptionRegistry() instanceof BridgeRegistry)) {
                    broker.setSubscriptionRegistry(new BridgeRegistry(broker.getSubscriptionRegistry(), topics.getObject(),
                            room -> members.getObject().changed(room)));
                }
                return bean;
            }
        };
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.configureBrokerChannel().interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                roomEvent(message);
                bridge.outbound(message);
                return message;
            }
        });
    }

    /** A room's event (published here or bridged from another node) drops this node's copy of its members first. */
    private void roomEvent(Message<?> message) {
        String dest = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (dest == null || !dest.startsWith("/topic/rooms/") || dest.endsWith("/chat")) return;
        String room = StompGuard.roomOfTopic(dest);
        if (room != null) members.changed(room);
    }
}
