package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.matches.LiveMatches;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * A player who subscribes to {@code /user/queue/match} while its match runs gets that match's assignment again at
 * once, so a client restarted mid-match needs no extra call. It runs after the user-destination handler has handled
 * the SUBSCRIBE: only then is the subscription in the broker (sent earlier, the message would find no subscriber).
 * The frame already passed {@link StompGuard}, which checked its token; the player is the connection's own.
 */
@Component
public class MatchResend implements WebSocketMessageBrokerConfigurer, ExecutorChannelInterceptor {
    private final LiveMatches live;
    private final SimpMessageSendingOperations broker;

    // lazy: the broker template is built by the configuration this configurer takes part in
    public MatchResend(LiveMatches live, @Lazy SimpMessageSendingOperations broker) {
        this.live = live;
        this.broker = broker;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(this);
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (ex != null || !(handler instanceof UserDestinationMessageHandler)) return;
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc == null || acc.getCommand() != StompCommand.SUBSCRIBE || !"/user/queue/match".equals(acc.getDestination())) return;
        if (!(acc.getUser() instanceof PlayerAuthentication player)) return;
        live.current(player.getName()).ifPresent(a -> broker.convertAndSendToUser(a.playerId(), "/queue/match", a));
    }
}
