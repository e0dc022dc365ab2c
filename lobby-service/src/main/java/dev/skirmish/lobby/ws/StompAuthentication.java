package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.security.TokenService;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Authenticates a STOMP CONNECT by its {@code Authorization: Bearer <token>} header: a valid token becomes the
 * connection's user for every later frame. It refuses nothing itself; {@link StompGuard} decides, after it.
 */
@Component
public class StompAuthentication implements ChannelInterceptor {
    private final TokenService tokens;

    public StompAuthentication(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc != null && (acc.getCommand() == StompCommand.CONNECT || acc.getCommand() == StompCommand.STOMP)) {
            String token = TokenService.bearer(acc.getFirstNativeHeader("Authorization")).orElse(null);
            var player = tokens.verify(token);
            if (player.isPresent()) {
                acc.setUser(new PlayerAuthentication(player.get()));
            } else if (tokens.verifyForRefresh(token).isPresent()) {
                // a genuine token that just expired: the refusal can tell the client to refresh rather than sign in
                acc.setHeader(StompGuard.EXPIRED_TOKEN_HEADER, Boolean.TRUE);
            }
        }
        return message;
    }
}
