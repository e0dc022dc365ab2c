package dev.skirmish.orchestrator.launch.docker;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Docker launcher ({@code skirmish.orchestrator.launcher=docker}), under {@code skirmish.orchestrator.docker.*}.
 * The defaults confine a game server (the one process that parses untrusted UDP): its own network, no Linux
 * capabilities, no privilege gain, a read-only image, and bounded processes, memory and CPU.
 *
 * @param host            Docker Engine API endpoint; empty = {@code DOCKER_HOST}, else unix:///var/run/docker.sock
 * @param image           game-server image, built from game-server/Dockerfile (default skirmish/game-server:latest)
 * @param network         the network game-server containers join (default {@code bridge}: the server binds 0.0.0.0
 *                        in its container and its UDP port is published on the host under the same number; or a
 *                        network name, e.g. compose's {@code skirmish-games}); {@code host} only when set: the
 *                        server then binds the orchestrator's bind-address on the host's network. The launcher
 *                        refuses to start when the network does not exist on the engine
 * @param publishAddress  host address the UDP port is published on when the network is not {@code host}
 *                        (default 0.0.0.0)
 * @param memory          memory limit of one game-server container (default 512MB; 0 = none); the image's JVM
 *                        sizes its heap from it
 * @param cpus            CPU limit of one container in CPUs (default 1.0; 0 = none)
 * @param pidsLimit       processes and threads one container may have (default 256; 0 = none)
 * @param capDrop         Linux capabilities dropped (default {@code ALL}; the server needs none to bind a port
 *                        above 1024)
 * @param noNewPrivileges {@code no-new-privileges}: no setuid binary can raise privileges (default true)
 * @param readOnlyRootFs  the container's root file system is read-only (default true)
 * @param tmpfs           writable in-memory mounts as {@code path:options} (default
 *                        {@code /tmp:rw,noexec,nosuid,size=64m}: the JVM's perf data and temporary files)
 * @param namePrefix      container name prefix, followed by the session id (default {@code skirmish-gs-})
 * @param maxConnections  Engine API connections; each live container holds two long requests (wait and logs),
 *                        so keep it above 2 x max-sessions (default 128)
 */
@ConfigurationProperties("skirmish.orchestrator.docker")
public record DockerLauncherProperties(
        @DefaultValue("") String host,
        @DefaultValue("skirmish/game-server:latest") String image,
        @DefaultValue("bridge") String network,
        @DefaultValue("0.0.0.0") String publishAddress,
        @DefaultValue("512MB") DataSize memory,
        @DefaultValue("1.0") double cpus,
        @DefaultValue("256") long pidsLimit,
        @DefaultValue("ALL") List<String> capDrop,
        @DefaultValue("true") boolean noNewPrivileges,
        @DefaultValue("true") boolean readOnlyRootFs,
        @DefaultValue("/tmp:rw,noexec,nosuid,size=64m") List<String> tmpfs,
        @DefaultValue("skirmish-gs-") String namePrefix,
        @DefaultValue("128") int maxConnections) {

    public DockerLauncherProperties {
        if (image.isBlank() || network.isBlank()) {
            throw new IllegalArgumentException("skirmish.orchestrator.docker.image and .network must not be empty");
        }
        if (maxConnections < 4) {
            throw new IllegalArgumentException("skirmish.orchestrator.docker.max-connections >= 4");
        }
        if (cpus < 0 || pidsLimit < 0) {
            throw new IllegalArgumentException("skirmish.orchestrator.docker.cpus and .pids-limit >= 0");
        }
        capDrop = List.copyOf(capDrop);
        tmpfs = mounts(tmpfs);
    }

    /**
     * A comma-separated setting arrives split at every comma, the mount options' commas included: a piece that
     * does not start with {@code /} continues the mount before it.
     */
    private static List<String> mounts(List<String> pieces) {
        List<String> mounts = new java.util.ArrayList<>();
        for (String piece : pieces) {
            String p = piece.strip();
            if (p.startsWith("/")) {
                mounts.add(p);
            } else if (!mounts.isEmpty()) {
                mounts.set(mounts.size() - 1, mounts.getLast() + "," + p);
            } else if (!p.isEmpty()) {
                throw new IllegalArgumentException("skirmish.orchestrator.docker.tmpfs entries are path:options, got " + p);
            }
        }
        return List.copyOf(mounts);
    }

    public boolean hostNetwork() {
        return "host".equals(network);
    }
}
