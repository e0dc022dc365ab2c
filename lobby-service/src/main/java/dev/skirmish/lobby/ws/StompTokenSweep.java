package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.security.PlayerAuthentication;
import dev.skirmish.lobby.players.PlayerService;
import dev.skirmish.lobby.security.AuthProperties;
import dev.skirmish.lobby.security.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Closes STOMP connections whose token is no longer good. {@link StompGuard} refuses the next frame of such a
 * connection, but a client that only listens (and sends no heart-beats) sends none; so every
 * {@code token-sweep-interval} the open connections are checked, and on a sign-out that player's at once. Each gets
 * an ERROR frame ({@code TOKEN_EXPIRED} or {@code TOKEN_REVOKED}) and is closed.
 */
@Component
public class StompTokenSweep {
    private static final Logger log = LoggerFactory.getLogger(StompTokenSweep.class);

    private final SimpUserRegistry users;
    private final MessageChannel outbound;
    private final TokenService tokens;
    private final TaskScheduler scheduler;
    private final AuthProperties auth;

    public StompTokenSweep(SimpUserRegistry users, @Qualifier("clientOutboundChannel") MessageChannel outbound, TokenService tokens,
                           TaskScheduler lobbyScheduler, AuthProperties auth) {
        this.users = users;
        this.outbound = outbound;
        this.tokens = tokens;
        this.scheduler = lobbyScheduler;
        this.auth = auth;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweep, auth.tokenSweepInterval());
    }

    /** Closes every connection whose token expired or whose player signed out. */
    public void sweep() {
        try {
            for (SimpUser user : users.getUsers()) close(user);
        } catch (RuntimeException e) {
            log.warn("STOMP token sweep failed; next one in {}", auth.tokenSweepInterval(), e);
        }
    }

    @EventListener
    public void signedOut(PlayerService.SignedOut e) {
        SimpUser user = users.getUser(e.playerId());
        if (user != null) close(user);
    }

    private void close(SimpUser user) {
        if (!(user.getPrincipal() instanceof PlayerAuthentication p)) return;
        StompGuard.Decision dead = StompGuard.tokenCheck(tokens, p.player());
        if (dead == null) return;
        for (var session : user.getSessions()) {
            log.info("closing STOMP session {} of player {}: {}", session.getId(), user.getName(), dead.code());
            outbound.send(StompRefusals.errorFrame(dead.code(), dead.reason(), session.getId(), null));
        }
    }
}
