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
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "node")
class NodeBridgeConfig implements WebSocketMessageBrokerConfigurer {
    private final NodeBridge bridge;

    // lazy: the bridge needs the broker channel, which is built from this configurer
    NodeBridgeConfig(@Lazy NodeBridge bridge) {
        this.bridge = bridge;
    }

    /** Static: a post-processor is built before the configuration's other beans; the topics are resolved later. */
    @Bean
    static BeanPostProcessor bridgeRegistryInstaller(ObjectProvider<BridgeTopics> topics) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // Spring's broker or the FanoutBroker that replaces it (which copies its registry): whichever comes first
                if (bean instanceof SimpleBrokerMessageHandler broker && !(broker.getSubscriptionRegistry() instanceof BridgeRegistry)) {
                    broker.setSubscriptionRegistry(new BridgeRegistry(broker.getSubscriptionRegistry(), topics.getObject()));
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
                bridge.outbound(message);
                return message;
            }
        });
    }
}
