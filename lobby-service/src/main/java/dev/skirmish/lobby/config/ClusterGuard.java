package dev.skirmish.lobby.config;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Profile {@code cluster} refuses to start without a token secret: with the default (a random secret per process)
 * each node would refuse the others' tokens, and a client moved to another node by the balancer would be signed out.
 */
@Component
@Profile("cluster")
public class ClusterGuard {
    public ClusterGuard(LobbyProperties props) {
        check(props.tokenSecret());
    }

    static void check(String tokenSecret) {
        if (tokenSecret == null || tokenSecret.isBlank()) {
            throw new IllegalStateException("profile cluster needs skirmish.lobby.token-secret (SKIRMISH_LOBBY_TOKEN_SECRET), "
                    + "the same on every lobby node: a random one per node would refuse the other nodes' tokens");
        }
    }
}
