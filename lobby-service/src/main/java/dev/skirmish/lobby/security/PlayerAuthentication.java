package dev.skirmish.lobby.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller with a verified player token: on REST, and as the STOMP user set on CONNECT
 * ({@code dev.skirmish.lobby.ws.StompAuthentication}), where its name (the player id) is what {@code /user/...}
 * destinations resolve. {@code @AuthenticationPrincipal PlayerToken} resolves to the token.
 */
public record PlayerAuthentication(PlayerToken player) implements VerifiedAuthentication {
    static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_PLAYER"));

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public PlayerToken getPrincipal() {
        return player;
    }

    @Override
    public String getName() {
        return player.playerId();
    }
}
