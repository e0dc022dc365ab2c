package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.security.PlayerToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Charges {@link Limited} controller methods. Runs after authentication (a later interceptor order), so the player
 * is known, and before the body is read.
 */
@Component
public class LimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private final AbuseLimits limits;
    private final MatchLimit matches;

    LimitInterceptor(AbuseLimits limits, MatchLimit matches) {
        this.limits = limits;
        this.matches = matches;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(100);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) return true;
        Limited limited = method.getMethodAnnotation(Limited.class);
        if (limited == null) return true;
        if (limited.value() == Limited.Kind.GUEST_SIGN_UP) {
            limits.guestSignUp(request.getRemoteAddr());
            return true;
        }
        if (limited.value() == Limited.Kind.ADMIN_SIGN_IN) {
            limits.adminSignIn(request.getRemoteAddr());
            return true;
        }
        String playerId = playerOf(request);
        if (playerId == null) return true; // authentication refuses it
        switch (limited.value()) {
            case ROOM_CREATE -> limits.roomCreated(playerId);
            case JOIN -> limits.joinAttempt(playerId);
            case REPORT -> limits.reportFiled(playerId);
            case MATCH_START -> {
                @SuppressWarnings("unchecked")
                var vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                if (vars != null && vars.get("id") != null) matches.check(vars.get("id"), playerId);
            }
            default -> { }
        }
        return true;
    }

    /** The one place that knows where authentication leaves the player. */
    static String playerOf(HttpServletRequest request) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof PlayerToken p ? p.playerId() : null;
    }
}
