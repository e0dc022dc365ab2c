package dev.skirmish.orchestrator.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request whose bearer token is the service key shared with the lobby (role {@code SERVICE});
 * anything else stays anonymous and is refused by the chain's authorization rules.
 */
final class ServiceKeyFilter extends OncePerRequestFilter {
    static final String ROLE = "SERVICE";

    private final String serviceKey;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ServiceKeyFilter(String serviceKey) {
        this.serviceKey = serviceKey;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BearerKeys.matches(BearerKeys.presented(request), serviceKey)) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new ServiceAuthentication());
            contexts.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** The lobby (or an operator) holding the service key; the key itself is not kept in it. */
    static final class ServiceAuthentication extends AbstractAuthenticationToken {
        ServiceAuthentication() {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "service";
        }
    }
}
