package dev.skirmish.lobby.security;

import org.springframework.security.core.Authentication;

/**
 * What every authentication the lobby's bearer filters make has in common: it is made only from a token already
 * verified, so it is authenticated from birth, carries no credentials (the token stays out of the security context)
 * and no details, and nothing can flip it to authenticated later.
 */
public interface VerifiedAuthentication extends Authentication {
    @Override
    default Object getCredentials() {
        return null;
    }

    @Override
    default Object getDetails() {
        return null;
    }

    @Override
    default boolean isAuthenticated() {
        return true;
    }

    @Override
    default void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("only a verified token makes a " + getClass().getSimpleName());
        }
    }
}
