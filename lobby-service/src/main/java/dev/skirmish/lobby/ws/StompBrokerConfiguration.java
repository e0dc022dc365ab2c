package dev.skirmish.lobby.ws;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;

/**
 * What {@code @EnableWebSocketMessageBroker} imports, Spring's configuration of the STOMP broker from every
 * {@code WebSocketMessageBrokerConfigurer} ({@link WebSocketConfig}), with the lobby's own {@code /ws} handler
 * ({@link StompWebSocketHandler}): the annotation offers no hook for the handler's class.
 */
@Configuration(proxyBeanMethods = true)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {
    @Bean
    @Override
    public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel) {
        var handler = new StompWebSocketHandler(clientInboundChannel, clientOutboundChannel);
        handler.setPhase(getPhase());
        return handler;
    }
}
