package dev.skirmish.lobby.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller with a verified player token: on REST, and as the STOMP user set on CONNECT
 * ({@code dev.skirmish.lobby.ws.StompAuthentication}), where its name (the player id) is what {@code /user/...}
 * destinations resolve. {@code @AuthenticationPrincipal PlayerToken} resolves to the token.
 */
public record PlayerAuthentication(PlayerToken player) implements Authentication {
    static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_PLAYER"));

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
        if (authenticated) throw new IllegalArgumentException("only a verified token makes a PlayerAuthentication");
    }

    @Override
    public String getName() {
        return player.playerId();
    }
}
