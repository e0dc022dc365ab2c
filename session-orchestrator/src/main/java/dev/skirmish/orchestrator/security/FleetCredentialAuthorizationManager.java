package dev.skirmish.orchestrator.security;

import dev.skirmish.orchestrator.launch.agones.FleetCredentials;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * An Agones game server's assignment fetch is allowed only with the fleet credential of the GameServer named in the
 * path ({@link FleetCredentials}): a credential for another name, or one made with another secret, opens nothing.
 */
final class FleetCredentialAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {
    private static final Logger log = LoggerFactory.getLogger(FleetCredentialAuthorizationManager.class);
    static final String NAME = "name";
    /** A Kubernetes object name (RFC 1123 subdomain). */
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final FleetCredentials credentials;

    FleetCredentialAuthorizationManager(FleetCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        String name = context.getVariables().get(NAME);
        if (name == null || !K8S_NAME.matcher(name).matches()) {
            return new AuthorizationDecision(false);
        }
        boolean granted = credentials.verify(name, BearerKeys.presented(context.getRequest()));
        if (!granted) {
            log.warn("assignment fetch for GameServer {} with a wrong fleet credential from {}", name,
                    context.getRequest().getRemoteAddr());
        }
        return new AuthorizationDecision(granted);
    }
}
