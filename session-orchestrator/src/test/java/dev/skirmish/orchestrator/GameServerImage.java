package dev.skirmish.orchestrator;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The game-server image, built once per test run from game-server/Dockerfile and the jar the reactor packaged
 * before this module, as `docker build -t ... game-server` would. Docker tests call {@link #requireDocker()}
 * first: without a reachable engine they are skipped with a message saying how to get one.
 */
final class GameServerImage {
    static final String TAG = "skirmish/game-server:orchestrator-test";
    private static boolean built;

    private GameServerImage() {
    }

    private static Boolean available;

    static synchronized void requireDocker() {
        if (available == null) {
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "no Docker engine reachable: Docker tests skipped (start one with "
                + "`eval \"$(../shared/tools/local-docker-engine.sh start)\"` or set DOCKER_HOST)");
    }

    /** The first of {@code count} consecutive UDP ports that are free now (the orchestrator's pool is a range). */
    static int freeUdpPorts(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 30000 + random.nextInt(20000);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (java.net.DatagramSocket s = new java.net.DatagramSocket(p, java.net.InetAddress.getLoopbackAddress())) {
                    s.getLocalPort();
                } catch (java.net.SocketException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports found");
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    static synchronized String tag() {
        if (built) {
            return TAG;
        }
        Path module = Path.of("../game-server").toAbsolutePath().normalize();
        Path jar = TestJars.realServerJar(); // a stable copy of game-server/target/game-server.jar
        if (!Files.isRegularFile(module.resolve("Dockerfile"))) {
            throw new IllegalStateException("game-server/Dockerfile missing");
        }
        // deleteOnExit=false: a fixed tag, rebuilt (cheaply, from cached layers) by the next run
        new ImageFromDockerfile(TAG, false)
                .withFileFromPath("Dockerfile", module.resolve("Dockerfile"))
                .withFileFromPath("target/game-server.jar", jar)
                .get();
        built = true;
        return TAG;
    }
}
