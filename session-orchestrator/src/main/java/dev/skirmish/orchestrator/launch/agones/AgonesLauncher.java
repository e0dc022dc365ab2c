package dev.skirmish.orchestrator.launch.agones;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import dev.skirmish.orchestrator.launch.GameServerLauncher;
import dev.skirmish.orchestrator.launch.LaunchSpec;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code skirmish.orchestrator.launcher=agones}: a start allocates a Ready GameServer of the configured Fleet
 * through a GameServerAllocation instead of starting a process; address and port come from the allocation's
 * status. The match itself (players, session key, length) is never written into Kubernetes: the allocated server
 * fetches it once from {@link AssignmentController} with its fleet credential.
 */
@Component
@ConditionalOnProperty(name = "skirmish.orchestrator.launcher", havingValue = "agones")
public class AgonesLauncher implements GameServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(AgonesLauncher.class);

    private final AgonesProperties props;
    private final KubernetesClient kube;
    private final GameServerWatch watched = new GameServerWatch(this::delete);
    /** Matches not yet fetched, by GameServer name; bounded by the live sessions (an entry per allocation). */
    private final Map<String, Assignment> assignments = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("agones-watch").factory());

    public AgonesLauncher(AgonesProperties props, AgonesClientFactory clients, OrchestratorProperties orchestrator) {
        // fail the start rather than every session later: without the secret no server gets its match
        if (!new FleetCredentials(props.fleetSecret()).configured()) {
            throw new IllegalStateException("skirmish.orchestrator.launcher=agones needs"
                    + " skirmish.orchestrator.agones.fleet-secret (SKIRMISH_ORCHESTRATOR_AGONES_FLEETSECRET) of at"
                    + " least " + FleetCredentials.MIN_SECRET_BYTES + " bytes, the one mounted into the Fleet's pods");
        }
        if (orchestrator.warmPoolSize() > 0) {
            throw new IllegalStateException("skirmish.orchestrator.warm-pool-size must be 0 with the agones launcher:"
                    + " the Fleet's buffer is the warm pool (docs/kubernetes.md)");
        }
        this.props = props;
        this.kube = clients.create(props);
        long every = Math.max(50, props.watchInterval().toMillis());
        watcher.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        log.info("Agones launcher: API {}, namespace {}, fleet {}", kube.getMasterUrl(), props.namespace(),
                props.fleet());
    }

    /** What an allocated server fetches: never in object metadata. */
    public record Assignment(String sessionId, String sessionKeyBase64, List<String> players, int matchSeconds) {
        @Override
        public String toString() {
            return "Assignment[session=" + sessionId + ", players=" + players + "]"; // keep the key out of logs
        }
    }

    @Override
    public LaunchedServer launch(LaunchSpec spec) throws IOException {
        if (spec.warm()) {
            // the Fleet is the warm pool: Ready GameServers wait for an allocation
            throw new IOException("warm servers are the Fleet's buffer under the agones launcher; set"
                    + " skirmish.orchestrator.warm-pool-size=0");
        }
        Duration wait = props.allocationBackoff();
        String lastProblem = "no attempt made";
        for (int attempt = 1; attempt <= props.allocationAttempts(); attempt++) {
            // an attempt that failed in transit may still have allocated: never allocate a second server
            Optional<GenericKubernetesResource> mine = gameServerOf(spec.sessionId());
            if (mine.isPresent()) {
                return allocated(spec, mine.get());
            }
            try {
                GenericKubernetesResource gsa = kube.genericKubernetesResources(AgonesObjects.ALLOCATIONS)
                        .inNamespace(props.namespace()).resource(AgonesObjects.allocation(props, spec.sessionId()))
                        .create();
                String state = AgonesObjects.state(gsa);
                if ("Allocated".equals(state)) {
                    String name = AgonesObjects.gameServerName(gsa);
                    InetSocketAddress endpoint = AgonesObjects.endpoint(gsa, props.portName()).orElse(null);
                    if (name == null || endpoint == null) {
                        throw new IOException("allocation of session " + spec.sessionId()
                                + " has no GameServer name, address or port in its status");
                    }
                    return register(spec, name, endpoint);
                }
                lastProblem = "allocation answered " + (state.isEmpty() ? "no state" : state);
            } catch (KubernetesClientException e) {
                lastProblem = "Kubernetes API: " + e.getMessage();
            }
            log.info("no game server for session {} (attempt {}/{}): {}", spec.sessionId(), attempt,
                    props.allocationAttempts(), lastProblem);
            if (attempt < props.allocationAttempts()) {
                sleep(wait);
                wait = min(wait.multipliedBy(2), props.allocationBackoffMax());
            }
        }
        throw new IOException("no game server available in fleet " + props.fleet() + " (namespace "
                + props.namespace() + ") after " + props.allocationAttempts() + " attempts: " + lastProblem);
    }

    private LaunchedServer allocated(LaunchSpec spec, GenericKubernetesResource gs) throws IOException {
        InetSocketAddress endpoint = AgonesObjects.endpoint(gs, props.portName())
                .orElseThrow(() -> new IOException("GameServer " + gs.getMetadata().getName() + " has no address"));
        log.info("session {} already had GameServer {}: no second allocation", spec.sessionId(),
                gs.getMetadata().getName());
        return register(spec, gs.getMetadata().getName(), endpoint);
    }

    private LaunchedServer register(LaunchSpec spec, String name, InetSocketAddress endpoint) {
        assignments.put(name, new Assignment(spec.sessionId(), spec.sessionKeyBase64(), spec.players(),
                spec.matchSeconds()));
        GameServerHandle handle = watched.watch(name);
        handle.exit().whenComplete((code, err) -> assignments.remove(name));
        log.info("allocated GameServer {} at {}:{} for session {}", name, endpoint.getHostString(),
                endpoint.getPort(), spec.sessionId());
        return new LaunchedServer(handle, 0, Instant.now(), endpoint);
    }

    /**
     * The match of an allocated GameServer, once: the first fetch takes it, so a credential replayed later (or a
     * second pod claiming the name) gets nothing, and a stolen fetch shows as the real server failing to start.
     */
    public Optional<Assignment> takeAssignment(String gameServerName) {
        return Optional.ofNullable(assignments.remove(gameServerName));
    }

    /** After a restart: the session's GameServer, if Agones still has it allocated. */
    @Override
    public Optional<LaunchedServer> adopt(String sessionId, Long pid, Instant startedAt, Path logFile) {
        Optional<GenericKubernetesResource> gs = gameServerOf(sessionId);
        if (gs.isEmpty() || !"Allocated".equals(AgonesObjects.state(gs.get()))) {
            return Optional.empty();
        }
        String name = gs.get().getMetadata().getName();
        InetSocketAddress endpoint = AgonesObjects.endpoint(gs.get(), props.portName()).orElse(null);
        return Optional.of(new LaunchedServer(watched.watch(name), 0, startedAt == null ? Instant.now() : startedAt, endpoint));
    }

    /** GameServers labelled with a session that is no longer live are deleted (Agones stops their pods). */
    @Override
    public void removeStrays(Predicate<String> stray) {
        for (GenericKubernetesResource gs : labelled(AgonesObjects.SESSION_KEY)) {
            String session = gs.getMetadata().getLabels().get(AgonesObjects.SESSION_KEY);
            if (session != null && stray.test(session)) {
                log.warn("deleting GameServer {} of session {}, which is no longer live", gs.getMetadata().getName(),
                        session);
                delete(gs.getMetadata().getName(), 0L);
            }
        }
    }

    @Override
    public Readiness readiness() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("launcher", "agones");
        details.put("namespace", props.namespace());
        details.put("fleet", props.fleet());
        boolean ready;
        try {
            GenericKubernetesResource fleet = kube.genericKubernetesResources(AgonesObjects.FLEETS)
                    .inNamespace(props.namespace()).withName(props.fleet()).get();
            ready = fleet != null;
            details.put("fleetFound", ready);
            if (fleet != null && fleet.getAdditionalProperties().get("status") instanceof Map<?, ?> status) {
                details.put("readyReplicas", status.get("readyReplicas"));
            }
        } catch (KubernetesClientException e) {
            ready = false;
            details.put("problem", "Kubernetes API: " + e.getMessage());
        }
        return new Readiness(ready, details);
    }

    /** One list per interval for all watched GameServers: gone or ended ones complete their handle's exit. */
    void sweep() {
        watched.sweep(() -> {
            Map<String, String> states = new HashMap<>();
            for (GenericKubernetesResource gs : labelled(AgonesObjects.SESSION_KEY)) {
                states.put(gs.getMetadata().getName(), AgonesObjects.state(gs));
            }
            return states;
        });
    }

    private Optional<GenericKubernetesResource> gameServerOf(String sessionId) {
        try {
            return gameServers().withLabel(AgonesObjects.SESSION_KEY, sessionId).list().getItems().stream()
                    .filter(gs -> !GameServerWatch.ended(AgonesObjects.state(gs))).findFirst();
        } catch (KubernetesClientException e) {
            log.warn("could not look for the GameServer of session {}: {}", sessionId, e.getMessage());
            return Optional.empty();
        }
    }

    private List<GenericKubernetesResource> labelled(String label) {
        return gameServers().withLabel(AgonesObjects.FLEET_LABEL, props.fleet()).withLabel(label).list().getItems();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> gameServers() {
        return kube.genericKubernetesResources(AgonesObjects.GAME_SERVERS).inNamespace(props.namespace());
    }

    private void delete(String name, Long graceSeconds) {
        try {
            var gs = gameServers().withName(name);
            if (graceSeconds == null) {
                gs.delete();
            } else {
                gs.withGracePeriod(graceSeconds).delete();
            }
        } catch (KubernetesClientException e) {
            log.warn("could not delete GameServer {}: {}", name, e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry the allocation", e);
        }
    }

    @PreDestroy
    void close() {
        watcher.shutdownNow(); // allocated GameServers keep running and are re-adopted by the next start
        kube.close();
    }
}
