package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerToken;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The STOMP user, set on CONNECT from a verified token ({@link StompAuthentication}). Its name is the player id,
 * which is what {@code /user/...} destinations resolve; being an {@link Authentication}, Spring Security's
 * channel interceptors put it in the security context that {@link StompGuard} authorizes each frame against.
 */
public record StompPrincipal(PlayerToken player) implements Authentication {
    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_PLAYER"));

    @Override
    public String getName() {
        return player.playerId();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getDetails() {
        return null;
    }

    @Override
    public PlayerToken getPrincipal() {
        return player;
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) throw new IllegalArgumentException("only a verified token makes a StompPrincipal");
    }
}
