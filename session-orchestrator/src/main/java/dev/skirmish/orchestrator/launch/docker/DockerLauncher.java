package dev.skirmish.orchestrator.launch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.skirmish.orchestrator.launch.ChildEnvironment;
import dev.skirmish.orchestrator.launch.GameServerLauncher;
import dev.skirmish.orchestrator.launch.LaunchSpec;
import dev.skirmish.orchestrator.launch.LaunchedServer;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs each game server as a container of the game-server image through the Docker Engine API (sibling
 * containers when the orchestrator itself runs in one with the Docker socket mounted). Same contract as the
 * local launcher: the launch arguments go in as the container's command (a list: no shell), the session key as
 * its environment variable {@value LaunchSpec#SESSION_KEY_ENV}, the output into the session's log file; the
 * container's exit is the process exit. Containers carry the session id as a label, which is how they are found
 * again after an orchestrator restart, and are removed once they stop.
 */
@Component
@ConditionalOnProperty(name = "skirmish.orchestrator.launcher", havingValue = "docker")
public class DockerLauncher implements GameServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(DockerLauncher.class);
    /** The session id of the server in the container. */
    public static final String SESSION_LABEL = "dev.skirmish.session-id";
    /** Marks the containers this launcher manages (and may remove). */
    public static final String MANAGED_LABEL = "dev.skirmish.managed-by";
    private static final String MANAGED_BY = "session-orchestrator";

    private final DockerLauncherProperties props;
    private final DockerClient docker;
    private volatile boolean closing;

    public DockerLauncher(DockerLauncherProperties props) {
        this.props = props;
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (!props.host().isBlank()) {
            config.withDockerHost(props.host());
        }
        DockerClientConfig cfg = config.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .maxConnections(props.maxConnections())
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        this.docker = DockerClientImpl.getInstance(cfg, http);
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            // fail the start: sessions re-adopted from the database could not be checked, and no launch would work
            throw new IllegalStateException("skirmish.orchestrator.launcher=docker but the Docker engine at "
                    + cfg.getDockerHost() + " does not answer (" + e.getMessage()
                    + "); set DOCKER_HOST or skirmish.orchestrator.docker.host", e);
        }
        try {
            docker.inspectNetworkCmd().withNetworkId(props.network()).exec();
        } catch (NotFoundException e) {
            // never fall back to the host's network by ourselves: that is a choice for the configuration
            throw new IllegalStateException("the Docker network " + props.network() + " for game servers does not"
                    + " exist on " + cfg.getDockerHost() + ": create it, or set skirmish.orchestrator.docker.network"
                    + " (host networking only with network=host)", e);
        }
        log.info("Docker launcher: engine {}, image {}, network {}", cfg.getDockerHost(), props.image(), props.network());
    }

    @Override
    public LaunchedServer launch(LaunchSpec spec) throws IOException {
        String name = props.namePrefix() + spec.sessionId();
        // on a bridge the server must listen on the container's own interface; the host sees the published port
        LaunchSpec inContainer = props.hostNetwork() ? spec : spec.withBindAddress("0.0.0.0");
        HostConfig host = ContainerConfinement.hostConfig(props);
        ExposedPort udp = ExposedPort.udp(spec.port());
        if (!props.hostNetwork()) {
            host.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort(props.publishAddress(), spec.port()), udp));
        }
        String id;
        try (CreateContainerCmd create = docker.createContainerCmd(props.image())) {
            create.withName(name)
                    .withCmd(inContainer.arguments())
                    .withEnv(ChildEnvironment.of(java.util.Map.of(), spec.sessionKeyBase64(), spec.traceparent())
                            .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withLabels(Map.of(SESSION_LABEL, spec.sessionId(), MANAGED_LABEL, MANAGED_BY))
                    .withHostConfig(host);
            if (!props.hostNetwork()) {
                create.withExposedPorts(udp);
            }
            id = create.exec().getId();
        } catch (NotFoundException e) {
            throw new IOException("game-server image " + props.image() + " not found: build it with "
                    + "`docker build -t " + props.image() + " game-server` (after ./mvnw package)", e);
        } catch (DockerException e) {
            throw new IOException("Docker could not create container " + name + ": " + e.getMessage(), e);
        }
        try {
            docker.startContainerCmd(id).exec();
            InspectContainerResponse info = docker.inspectContainerCmd(id).exec();
            log.info("launched game server session={} container={} ({}) port={} warm={}", spec.sessionId(), name,
                    shortId(id), spec.port(), spec.warm());
            return launched(info, name, spec.logFile(), 0);
        } catch (RuntimeException e) {
            removeQuietly(id, name);
            throw new IOException("Docker could not start container " + name + ": " + e.getMessage(), e);
        }
    }

    /** The session's container, if it is still running; a stopped one is left to {@link #removeStrays}. */
    @Override
    public Optional<LaunchedServer> adopt(String sessionId, Long pid, Instant startedAt, Path logFile) {
        for (Container c : containers(SESSION_LABEL + "=" + sessionId)) {
            InspectContainerResponse info;
            try {
                info = docker.inspectContainerCmd(c.getId()).exec();
            } catch (NotFoundException e) {
                continue;
            }
            if (Boolean.TRUE.equals(info.getState().getRunning())) {
                String name = info.getName().startsWith("/") ? info.getName().substring(1) : info.getName();
                // earlier output is already in the log file; copy from now on
                int since = (int) Instant.now().getEpochSecond();
                return Optional.of(launched(info, name, logFile, since));
            }
        }
        return Optional.empty();
    }

    @Override
    public void removeStrays(Predicate<String> stray) {
        for (Container c : containers(MANAGED_LABEL + "=" + MANAGED_BY)) {
            String session = c.getLabels() == null ? null : c.getLabels().get(SESSION_LABEL);
            if (session != null && stray.test(session)) {
                log.warn("removing container {} of session {}, which is no longer live", shortId(c.getId()), session);
                removeQuietly(c.getId(), session);
            }
        }
    }

    /** Ready when the engine answers and has the game-server image. */
    @Override
    public Readiness readiness() {
        boolean image;
        String problem = null;
        try {
            docker.inspectImageCmd(props.image()).exec();
            image = true;
        } catch (NotFoundException e) {
            image = false;
            problem = "image not found: docker build -t " + props.image() + " game-server";
        } catch (RuntimeException e) {
            image = false;
            problem = "Docker engine not answering: " + e.getMessage();
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("launcher", "docker");
        details.put("image", props.image());
        details.put("imageFound", image);
        details.put("network", props.network());
        if (problem != null) {
            details.put("problem", problem);
        }
        return new Readiness(image, details);
    }

    private List<Container> containers(String label) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    }

    private LaunchedServer launched(InspectContainerResponse info, String name, Path logFile, int since) {
        Long pid = info.getState().getPidLong();
        Instant started = parseInstant(info.getState().getStartedAt());
        ContainerHandle handle = ContainerHandle.watch(docker, info.getId(), name, logFile, since, () -> closing);
        return new LaunchedServer(handle, pid == null ? 0 : pid, started);
    }

    private void removeQuietly(String id, String what) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            log.warn("could not remove container {} ({}): {}", shortId(id), what, e.toString());
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return s == null ? Instant.now() : Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    @PreDestroy
    void close() throws IOException {
        closing = true; // watchers stop; running containers stay up and are re-adopted by the next start
        docker.close();
    }
}
