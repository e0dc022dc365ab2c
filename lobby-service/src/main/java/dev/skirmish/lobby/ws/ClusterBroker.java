package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Profile {@code cluster}: {@code /topic} and {@code /queue} go through RabbitMQ's STOMP plugin instead of the
 * in-memory broker (which {@link WebSocketConfig} then leaves off), so an event published on one node reaches
 * subscribers on every node. User destinations work across nodes by Spring's two broadcasts: each node publishes
 * its connected users on {@code /topic/skirmish.user-registry}, and a {@code /user/...} message for a user no local
 * session holds is sent to {@code /topic/skirmish.unresolved-user}, where the node holding that user delivers it.
 * Clients cannot subscribe to either topic: StompGuard allows only the lobby's own destinations. RabbitMQ wants
 * dots where the lobby's topics have slashes: {@link RelayDestinations} translates both ways. This is fan-out
 * {@code relay}, chosen with {@code skirmish.cluster.fanout=relay}; the default, {@code node}, uses {@link NodeBridge}.
 */
@Configuration
@Profile("cluster")
@ConditionalOnProperty(name = "skirmish.cluster.fanout", havingValue = "relay")
public class ClusterBroker implements WebSocketMessageBrokerConfigurer {
    static final String USER_REGISTRY_TOPIC = "/topic/skirmish.user-registry";
    static final String UNRESOLVED_USER_TOPIC = "/topic/skirmish.unresolved-user";

    private final ClusterProperties cluster;

    public ClusterBroker(ClusterProperties cluster) {
        this.cluster = cluster;
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableStompBrokerRelay("/topic", "/queue")
                .setRelayHost(cluster.relayHost())
                .setRelayPort(cluster.relayPort())
                .setClientLogin(cluster.relayLogin())
                .setClientPasscode(cluster.relayPasscode())
                .setSystemLogin(cluster.relayLogin())
                .setSystemPasscode(cluster.relayPasscode())
                .setVirtualHost(cluster.relayVirtualHost())
                .setSystemHeartbeatSendInterval(cluster.relayHeartbeatSend().toMillis())
                .setSystemHeartbeatReceiveInterval(cluster.relayHeartbeatReceive().toMillis())
                .setUserRegistryBroadcast(USER_REGISTRY_TOPIC)
                .setUserDestinationBroadcast(UNRESOLVED_USER_TOPIC);
        registry.configureBrokerChannel().interceptors(RelayDestinations.brokerChannel());
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(RelayDestinations.clientInbound());
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(RelayDestinations.clientOutbound());
    }
}
