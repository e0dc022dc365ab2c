package dev.skirmish.lobby.security;

import dev.skirmish.lobby.config.ServiceKeyProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** The shared service key of lobby and orchestrator, compared in constant time. */
@Component
public class ServiceKey {
    /** Authority of a caller that presented the service key (the orchestrator, an operator's scraper). */
    public static final String ROLE = "SERVICE";

    private final byte[] keyDigest;

    public ServiceKey(ServiceKeyProperties props) {
        this.keyDigest = sha256(props.serviceKey());
    }

    /**
     * Digests of both sides are compared, so the time taken depends neither on where they differ nor on the
     * key's length.
     */
    public boolean matches(String given) {
        return given != null && !given.isEmpty() && MessageDigest.isEqual(sha256(given), keyDigest);
    }

    Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated("service", null, List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
