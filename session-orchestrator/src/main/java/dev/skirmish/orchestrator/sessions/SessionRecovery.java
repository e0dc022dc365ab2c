package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.GameServerLauncher;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import dev.skirmish.orchestrator.launch.ServerHandle;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orchestrator restarts: before serving requests, every session the database still calls live is either
 * re-adopted (the launcher finds the very same server: same pid and start time, or the container labelled with
 * the session id; a running match keeps going) or settled (its process is
 * lost, or it was a half-started/warm server that nobody is waiting for and is killed). On shutdown, servers
 * nobody could re-adopt usefully are killed so nothing is left orphaned.
 */
@Component
public class SessionRecovery implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);
    private static final EnumSet<SessionState> LIVE = EnumSet.of(SessionState.REQUESTED, SessionState.STARTING,
            SessionState.READY, SessionState.RUNNING, SessionState.UNHEALTHY);

    private final SessionRepository repository;
    private final SessionRegistry registry;
    private final SessionLifecycle lifecycle;
    private final OrchestratorProperties props;
    private final JsonMapper json;
    private final GameServerLauncher launcher;

    public SessionRecovery(SessionRepository repository, SessionRegistry registry, SessionLifecycle lifecycle,
                           OrchestratorProperties props, JsonMapper json, GameServerLauncher launcher) {
        this.launcher = launcher;
        this.repository = repository;
        this.registry = registry;
        this.lifecycle = lifecycle;
        this.props = props;
        this.json = json;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<SessionEntity> live = repository.findByStateIn(LIVE);
        for (SessionEntity e : live) {
            SessionMdc.run(e.getId(), () -> recover(e));
        }
        if (!live.isEmpty()) {
            log.info("restart: looked at {} live sessions from the database", live.size());
        }
        // servers whose session ended (or was settled above) while nobody watched them
        launcher.removeStrays(id -> registry.find(id).isEmpty() && repository.existsById(id));
    }

    private void recover(SessionEntity e) {
        LiveSession s = new LiveSession(e.getId(), e.getPort(), Base64.getDecoder().decode(e.getSessionKey()), e.isWarm(),
                Path.of(e.getLogFile()), e.getCreatedAt());
        s.roomId = e.getRoomId();
        s.matchSeconds = e.getMatchSeconds();
        s.players = e.getPlayersJson() == null ? List.of() : json.readValue(e.getPlayersJson(), new TypeReference<>() { });
        s.state = e.getState();
        s.readyAt = e.getReadyAt();
        s.allocatedAt = e.getAllocatedAt();
        s.lastHeartbeatAt = Instant.now(); // a fresh heartbeat window after our own downtime
        Optional<LaunchedServer> server = launcher.adopt(e.getId(), e.getPid(), e.getProcessStartedAt(), s.logFile);
        if (server.isEmpty()) {
            SessionState end = s.state.started() ? SessionState.CRASHED : SessionState.FAILED;
            lifecycle.finish(s, end, "LOST (process gone while the orchestrator was down)", null, true);
            log.warn("restart: session {} lost (pid {} gone)", e.getId(), e.getPid());
            return;
        }
        s.process = server.get().handle();
        s.endpoint = server.get().endpoint();
        registry.adopt(s);
        boolean useful = s.state.started() && s.roomId != null && (!s.warm || s.allocatedAt != null);
        if (!useful) {
            // a launch whose caller is gone, or an idle warm server whose long poll state was lost
            lifecycle.finish(s, s.state.started() ? SessionState.ENDED : SessionState.FAILED,
                    "ORCHESTRATOR_RESTARTED", null, false);
            lifecycle.kill(s);
            awaitExit(s.process);
            registry.remove(s);
            log.info("restart: session {} (pid {}) was not worth keeping and was stopped", e.getId(), e.getPid());
            return;
        }
        if (s.warm) {
            s.allocation.complete(new dev.skirmish.orchestrator.callbacks.Allocation(
                    s.players.stream().map(PlayerRequest::name).toList(), s.matchSeconds));
        }
        s.ready.complete(null);
        lifecycle.watchAdopted(s, server.get());
        log.info("restart: re-adopted session {} (pid {}, port {}, {})", e.getId(), e.getPid(), e.getPort(), s.state);
    }

    @PreDestroy
    void shutdown() {
        List<LiveSession> all = List.copyOf(registry.all());
        for (LiveSession s : all) {
            boolean adoptable = s.state.started() && s.roomId != null;
            if (props.stopSessionsOnShutdown() || !adoptable) {
                lifecycle.finish(s, s.state.started() ? SessionState.ENDED : SessionState.FAILED,
                        "ORCHESTRATOR_SHUTDOWN", null, false);
                lifecycle.kill(s);
            }
        }
        for (LiveSession s : all) {
            if (s.state.terminal() && s.process != null) {
                awaitExit(s.process);
            }
        }
    }

    private static void awaitExit(ServerHandle p) {
        try {
            p.exit().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // logged by the caller's state; a process that ignores SIGKILL for 5 s is beyond our reach
        }
    }
}
