package dev.skirmish.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Spring Boot service ({@code java -jar …}) as a child process: started with its arguments and
 * environment, waited for until {@code /actuator/health} answers 200, stopped with SIGTERM (then SIGKILL), and its
 * whole process tree killed in any case so that no game server outlives the tests.
 */
final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final List<String> args;
    private final Map<String, String> env;
    private final Path log;
    final String url;
    private volatile Process process;

    ServiceProcess(String name, Path jar, int port, List<String> args, Map<String, String> env, Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the e2e tests through ./mvnw verify (the other modules package first)");
        }
        this.name = name;
        this.jar = jar;
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(name + ".log");
        this.url = "http://127.0.0.1:" + port;
    }

    void start(Duration healthTimeout) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                // small and quick to start: the machine running the tests is shared
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
        long until = System.nanoTime() + healthTimeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up:\n" + tail());
            }
            if (healthy()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + healthTimeout + ":\n" + tail());
    }

    boolean healthy() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Process ids of this service's descendants right now (for the orchestrator: its game servers). */
    List<Long> descendants() {
        Process p = process;
        return p == null ? List.of() : p.descendants().map(ProcessHandle::pid).toList();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; every descendant is killed too. */
    void stop(Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        // whatever the service did not stop itself (game servers included) goes now
        tree.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
