package dev.skirmish.orchestrator;

import dev.skirmish.orchestrator.fake.FakeGameServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Jars the tests launch: the fake server built from test classes, and the real game-server jar. */
final class TestJars {
    private static boolean built;

    private TestJars() {
    }

    static synchronized Path fakeServerJar() {
        try {
            Path classes = Path.of(FakeGameServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = classes.getParent().resolve("fake-game-server.jar");
            if (built) {
                return jar;
            }
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeGameServer.class.getName());
            Path dir = classes.resolve("dev/skirmish/orchestrator/fake");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
                 Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    jos.putNextEntry(new JarEntry("dev/skirmish/orchestrator/fake/" + f.getFileName()));
                    jos.write(Files.readAllBytes(f));
                    jos.closeEntry();
                }
            }
            built = true;
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path realCopy;

    /**
     * The real game server, built by the reactor before this module (test-scoped dependency), copied once per
     * test run so a rebuild of game-server in the meantime cannot hand a half-written jar to a launch.
     */
    static synchronized Path realServerJar() {
        if (realCopy != null) {
            return realCopy;
        }
        Path jar = Path.of("../game-server/target/game-server.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the game server first: ./mvnw -pl game-server -am package -DskipTests");
        }
        try {
            Path copy = Path.of("target/real-game-server.jar").toAbsolutePath();
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            realCopy = copy;
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
