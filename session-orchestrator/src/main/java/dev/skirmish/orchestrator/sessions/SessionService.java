package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.GameServerLauncher;
import dev.skirmish.orchestrator.launch.LaunchSpec;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import dev.skirmish.orchestrator.logging.MatchTrace;
import dev.skirmish.orchestrator.logging.SessionMdc;
import dev.skirmish.protocol.token.ConnectTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns "start a match for these players" into a READY server: a warm one if waiting, else a fresh launch. */
@Service
public class SessionService {
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionRegistry registry;
    private final SessionLifecycle lifecycle;
    private final SessionEndings endings;
    private final GameServerLauncher launcher;
    private final OrchestratorProperties props;
    private final Environment env;
    private final MatchTrace trace;

    public SessionService(SessionRegistry registry, SessionLifecycle lifecycle, SessionEndings endings,
                          GameServerLauncher launcher, OrchestratorProperties props, Environment env, MatchTrace trace) {
        this.trace = trace;
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.endings = endings;
        this.launcher = launcher;
        this.props = props;
        this.env = env;
    }

    public CreatedSession create(CreateSessionRequest request) {
        requireUniqueNames(request.players());
        int matchSeconds = request.matchSeconds() == null ? props.defaultMatchSeconds() : request.matchSeconds();

        Optional<LiveSession> warm = registry.takeWarm(request.roomId());
        if (warm.isPresent()) {
            try (SessionMdc.Scope ignored = SessionMdc.open(warm.get().id())) {
                lifecycle.allocated(warm.get(), request.players(), matchSeconds);
                return created(warm.get());
            }
        }

        LiveSession live = registry.reserve(request.roomId(), false, ConnectTokens.newSessionKey());
        try (SessionMdc.Scope ignored = SessionMdc.open(live.id())) {
            return createCold(live, request, matchSeconds);
        }
    }

    private CreatedSession createCold(LiveSession live, CreateSessionRequest request, int matchSeconds) {
        lifecycle.created(live, request.players(), matchSeconds, props.publicHost());
        launch(live);
        try {
            live.awaitReady(props.readyTimeout());
        } catch (TimeoutException e) {
            endings.readyTimeout(live);
            throw new SessionException(HttpStatus.GATEWAY_TIMEOUT, "Game server not ready",
                    "session " + live.id() + " did not report READY within " + props.readyTimeout().toMillis()
                            + " ms; it was killed");
        } catch (ExecutionException e) {
            throw new SessionException(HttpStatus.BAD_GATEWAY, "Game server failed to start",
                    "session " + live.id() + " exited before READY; see GET /api/sessions/" + live.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endings.readyTimeout(live);
            throw new SessionException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", "orchestrator is stopping");
        }
        return created(live);
    }

    /** Starts a warm server without waiting for it (the warm pool calls this). */
    public LiveSession launchWarm() {
        LiveSession live = registry.reserve(null, true, ConnectTokens.newSessionKey());
        try (SessionMdc.Scope ignored = SessionMdc.open(live.id())) {
            lifecycle.created(live, List.of(), props.defaultMatchSeconds(), props.publicHost());
            launch(live);
            return live;
        }
    }

    private void launch(LiveSession live) {
        LaunchSpec spec = new LaunchSpec(live.id(), props.bindAddress(), live.port(),
                live.players().stream().map(PlayerRequest::name).toList(), live.matchSeconds(), props.tickRate(),
                callbackUrl(), live.warm(), live.sessionKeyBase64(), live.logFile(),
                // the lobby's match start (a warm server is started outside any)
                live.warm() ? null : trace.current().orElse(null));
        LaunchedServer server;
        try {
            server = launcher.launch(spec);
        } catch (IOException | RuntimeException e) {
            log.error("could not launch game server for session {}: {}", live.id(), e.getMessage());
            endings.finish(live, SessionState.FAILED, "LAUNCH_ERROR: " + e.getMessage(), null, false);
            registry.remove(live);
            throw new SessionException(HttpStatus.SERVICE_UNAVAILABLE, "Game server could not be launched",
                    "launch failed: " + e.getMessage());
        }
        lifecycle.started(live, server);
    }

    /** Removes a player from a live session's match (see {@link SessionLifecycle#kick}). */
    public void kick(String id, String playerId) {
        lifecycle.kick(registry.find(id).orElseThrow(() -> SessionException.notFound(id)), playerId);
    }

    public void stop(String id) {
        Optional<LiveSession> live = registry.find(id);
        if (live.isPresent()) {
            endings.stop(live.get());
        }
    }

    private CreatedSession created(LiveSession live) {
        Instant base = live.allocatedAt() != null ? live.allocatedAt()
                : live.readyAt() != null ? live.readyAt() : Instant.now();
        Instant expires = base.plusSeconds(live.matchSeconds()).plus(props.reconnectGrace());
        InetSocketAddress address = live.endpoint() != null ? live.endpoint()
                : new InetSocketAddress(props.publicHost(), live.port());
        byte[] key = live.sessionKey();
        List<ConnectTokenView> tokens = live.players().stream()
                .map(p -> new ConnectTokenView(p.id(), p.name(),
                        ConnectTokens.issue(key, live.id(), p.id(), p.name(), address, expires)))
                .toList();
        return new CreatedSession(live.id(), live.roomId(), SessionState.READY, address.getHostString(), address.getPort(),
                live.matchSeconds(), live.createdAt(), live.warm(), tokens);
    }

    String callbackUrl() {
        if (!props.callbackUrl().isBlank()) {
            return props.callbackUrl();
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8081"));
        return "http://127.0.0.1:" + port;
    }

    private static void requireUniqueNames(List<PlayerRequest> players) {
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (PlayerRequest p : players) {
            if (!names.add(p.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new SessionException(HttpStatus.BAD_REQUEST, "Invalid request", "duplicate player name " + p.name());
            }
            if (!ids.add(p.id())) {
                throw new SessionException(HttpStatus.BAD_REQUEST, "Invalid request", "duplicate player id " + p.id());
            }
        }
    }
}
