package dev.skirmish.orchestrator.launch.docker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Docker launcher ({@code skirmish.orchestrator.launcher=docker}), under {@code skirmish.orchestrator.docker.*}.
 *
 * @param host           Docker Engine API endpoint; empty = {@code DOCKER_HOST}, else unix:///var/run/docker.sock
 * @param image          game-server image, built from game-server/Dockerfile (default skirmish/game-server:latest)
 * @param network        {@code host} (default: the server binds the orchestrator's bind-address on the host's
 *                       network), or {@code bridge} / a network name (the server binds 0.0.0.0 in its container and
 *                       its UDP port is published on the host under the same number)
 * @param publishAddress host address the UDP port is published on when the network is not {@code host}
 *                       (default 0.0.0.0)
 * @param memory         memory limit of one game-server container (default 512MB; 0 = none); the image's JVM
 *                       sizes its heap from it
 * @param namePrefix     container name prefix, followed by the session id (default {@code skirmish-gs-})
 * @param maxConnections Engine API connections; each live container holds two long requests (wait and logs),
 *                       so keep it above 2 x max-sessions (default 128)
 */
@ConfigurationProperties("skirmish.orchestrator.docker")
public record DockerLauncherProperties(
        @DefaultValue("") String host,
        @DefaultValue("skirmish/game-server:latest") String image,
        @DefaultValue("host") String network,
        @DefaultValue("0.0.0.0") String publishAddress,
        @DefaultValue("512MB") DataSize memory,
        @DefaultValue("skirmish-gs-") String namePrefix,
        @DefaultValue("128") int maxConnections) {

    public DockerLauncherProperties {
        if (image.isBlank() || network.isBlank()) {
            throw new IllegalArgumentException("skirmish.orchestrator.docker.image and .network must not be empty");
        }
        if (maxConnections < 4) {
            throw new IllegalArgumentException("skirmish.orchestrator.docker.max-connections >= 4");
        }
    }

    public boolean hostNetwork() {
        return "host".equals(network);
    }
}
