package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.ServiceKeyProperties;
import dev.skirmish.lobby.players.PresenceRegistry;
import dev.skirmish.lobby.web.LobbyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Player token on {@code /api/**} (except guest sign-up and refresh), service key on {@code /internal/**}.
 * Failures become 401 problem details through {@link dev.skirmish.lobby.web.ProblemHandler}.
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {
    /** Request attribute holding the verified {@link PlayerToken}. */
    public static final String PLAYER = "skirmish.player";

    private final TokenService tokens;
    private final ServiceKeyProperties serviceKey;
    private final PresenceRegistry presence;

    public AuthInterceptor(TokenService tokens, ServiceKeyProperties serviceKey, PresenceRegistry presence) {
        this.tokens = tokens;
        this.serviceKey = serviceKey;
        this.presence = presence;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (request.getRequestURI().startsWith("/internal/")) {
            String given = TokenService.bearer(header).orElse("");
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), serviceKey.serviceKey().getBytes(StandardCharsets.UTF_8))) {
                throw LobbyException.unauthorized("missing or wrong service key");
            }
            return true;
        }
        PlayerToken player = TokenService.bearer(header).flatMap(tokens::verify)
                .orElseThrow(() -> LobbyException.unauthorized("missing, invalid or expired bearer token; sign in with POST /api/players/guest"));
        presence.touch(player.playerId());
        request.setAttribute(PLAYER, player);
        return true;
    }
}
