package dev.skirmish.lobby.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A caller with a verified operator token: role {@code ADMIN} only (an operator is not a player, so the player chain
 * does not accept it, and a player token gives no role on the admin chain).
 */
public record AdminAuthentication(String operator) implements VerifiedAuthentication {
    public static final String ROLE = "ADMIN";
    private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_" + ROLE));

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return AUTHORITIES;
    }

    @Override
    public String getPrincipal() {
        return operator;
    }

    @Override
    public String getName() {
        return operator;
    }
}
