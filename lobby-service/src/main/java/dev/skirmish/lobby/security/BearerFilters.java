package dev.skirmish.lobby.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The two bearer schemes, as filters inside the Spring Security chains that own them (never beans, so the servlet
 * container does not also run them on every path). A missing or bad credential leaves the request anonymous; the
 * chain's authorization rules then answer 401 where one is required.
 */
final class BearerFilters {
    private BearerFilters() {
    }

    /** {@code Authorization: Bearer <service key>}. */
    static OncePerRequestFilter serviceKey(ServiceKey key) {
        return new BearerFilter(token -> key.matches(token) ? Optional.of(key.authentication()) : Optional.empty());
    }

    /** {@code Authorization: Bearer <player token>}; every authenticated call counts as a sign of life. */
    static OncePerRequestFilter playerToken(TokenService tokens, PlayerActivity activity) {
        return new BearerFilter(token -> tokens.verify(token).map(player -> {
            activity.seen(player.playerId());
            return new PlayerAuthentication(player);
        }));
    }

    /** {@code Authorization: Bearer <operator token>} (from {@code POST /api/admin/sign-in}). */
    static OncePerRequestFilter adminToken(TokenService tokens) {
        return new BearerFilter(token -> tokens.verifyAdmin(token).map(AdminAuthentication::new));
    }

    private static final class BearerFilter extends OncePerRequestFilter {
        private final Function<String, Optional<? extends Authentication>> verify;

        BearerFilter(Function<String, Optional<? extends Authentication>> verify) {
            this.verify = verify;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            TokenService.bearer(request.getHeader(HttpHeaders.AUTHORIZATION)).flatMap(verify).ifPresent(auth -> {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(auth);
                SecurityContextHolder.setContext(context);
            });
            chain.doFilter(request, response);
        }
    }
}
