package dev.skirmish.orchestrator.security;

import dev.skirmish.orchestrator.sessions.LiveSession;
import dev.skirmish.orchestrator.sessions.SessionRegistry;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A game-server callback is allowed only with the key of the session named in its path: the session id comes
 * from the matcher's path variable {@value #ID}, so session A's key never opens session B's callbacks, whatever
 * the path looks like (the firewall has already refused encoded and {@code ;} paths).
 */
final class SessionKeyAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
    private static final Logger log = LoggerFactory.getLogger(SessionKeyAuthorizationManager.class);
    static final String ID = "id";

    private final SessionRegistry registry;

    SessionKeyAuthorizationManager(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        String id = context.getVariables().get(ID);
        Optional<LiveSession> live = id == null ? Optional.empty() : registry.find(id);
        if (live.isEmpty()) {
            return new Decision(false, id, true);
        }
        boolean granted = BearerKeys.matches(BearerKeys.presented(context.getRequest()), live.get().sessionKeyBase64());
        if (!granted) {
            log.warn("callback for session {} with a wrong session key from {}", id, context.getRequest().getRemoteAddr());
        }
        return new Decision(granted, id, false);
    }

    /** Why a callback was refused: the entry point answers 404 for a session that is not live, else 401. */
    static final class Decision extends AuthorizationDecision {
        final String sessionId;
        final boolean unknownSession;

        Decision(boolean granted, String sessionId, boolean unknownSession) {
            super(granted);
            this.sessionId = sessionId;
            this.unknownSession = unknownSession;
        }
    }
}
