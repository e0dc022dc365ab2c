package dev.skirmish.orchestrator.launch.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.WaitResponse;
import dev.skirmish.orchestrator.launch.ServerHandle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One game-server container. A watcher thread waits for the container to stop (the Engine's wait call, retried
 * if the connection drops), then removes it and only then completes {@link #exit()}: the session's port is
 * released once nothing can hold it any more. Its output is followed into the session's log file, so a
 * FAILED/CRASHED session gets its last lines like a local process does.
 */
final class ContainerHandle implements ServerHandle {
    private static final Logger log = LoggerFactory.getLogger(ContainerHandle.class);

    private final DockerClient docker;
    private final String id;
    private final String name;
    private final BooleanSupplier closing;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ContainerHandle(DockerClient docker, String id, String name, BooleanSupplier closing) {
        this.docker = docker;
        this.id = id;
        this.name = name;
        this.closing = closing;
    }

    /**
     * Starts watching a running container.
     *
     * @param logsSince epoch seconds of the first log line to copy (0 = all: a fresh launch; now = a re-adoption,
     *                  whose earlier lines are already in the file)
     * @param closing   true once the launcher shuts down: watching stops, the container is left running (it is
     *                  re-adopted by the next start) and {@link #exit()} never completes
     */
    static ContainerHandle watch(DockerClient docker, String id, String name, Path logFile, int logsSince,
                                 BooleanSupplier closing) {
        ContainerHandle h = new ContainerHandle(docker, id, name, closing);
        LogCopy logs = h.followLogs(logFile, logsSince);
        Thread.ofVirtual().name("container-" + name).start(() -> h.awaitStop(logs));
        return h;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void terminate() {
        signal("SIGTERM");
    }

    @Override
    public void kill() {
        signal("SIGKILL");
    }

    private void signal(String signal) {
        try {
            docker.killContainerCmd(id).withSignal(signal).exec();
        } catch (NotFoundException | ConflictException e) {
            log.debug("container {} already stopped ({}): {}", name, signal, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("could not send {} to container {}: {}", signal, name, e.toString());
        }
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public String describe() {
        return "container " + name;
    }

    private void awaitStop(LogCopy logs) {
        OptionalInt code = OptionalInt.empty();
        try {
            code = exitCode();
            if (code.isPresent()) {
                logs.awaitCompletion(2, TimeUnit.SECONDS); // the rest of the output, written before the state settles
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            logs.closeQuietly();
            if (code.isPresent()) {
                remove();
                exit.complete(code.getAsInt());
            } else {
                log.debug("stopped watching container {}: the orchestrator is shutting down", name);
            }
        }
    }

    /** Blocks until the container is no longer running; empty when the launcher shuts down first. */
    private OptionalInt exitCode() throws InterruptedException {
        while (!closing.getAsBoolean()) {
            Wait wait = new Wait();
            try {
                docker.waitContainerCmd(id).exec(wait);
                wait.awaitCompletion();
            } catch (RuntimeException e) {
                wait.error = e;
            }
            if (wait.code != null) {
                return OptionalInt.of(wait.code);
            }
            if (wait.error instanceof NotFoundException) {
                return OptionalInt.of(-1);
            }
            if (closing.getAsBoolean()) {
                break;
            }
            // the engine connection dropped or timed out: ask for the state, and wait again if it still runs
            log.debug("wait on container {} ended without a status: {}", name, String.valueOf(wait.error));
            Thread.sleep(1000);
            try {
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    Long c = state.getExitCodeLong();
                    return OptionalInt.of(c == null ? -1 : c.intValue());
                }
            } catch (NotFoundException gone) {
                return OptionalInt.of(-1);
            } catch (RuntimeException again) {
                if (!closing.getAsBoolean()) {
                    log.warn("container {}: Docker engine not answering ({}), still waiting", name, again.toString());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The Engine's wait call; errors are kept (not logged as the library would: a retry follows). */
    private static final class Wait extends ResultCallback.Adapter<WaitResponse> {
        volatile Integer code;
        volatile Throwable error;

        @Override
        public void onNext(WaitResponse response) {
            code = response.getStatusCode();
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            try {
                close();
            } catch (IOException ignored) {
                // already closing
            }
        }
    }

    private void remove() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
                log.info("container {} removed", name);
                return;
            } catch (NotFoundException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("could not remove container {} (attempt {}): {}", name, attempt, e.toString());
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        // left behind: the next orchestrator start removes it as a stray
    }

    private LogCopy followLogs(Path logFile, int since) {
        LogCopy copy = new LogCopy(logFile, name);
        try {
            docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true).withSince(since)
                    .exec(copy);
        } catch (RuntimeException e) {
            log.warn("container {}: output cannot be followed into {}: {}", name, logFile, e.toString());
            copy.closeQuietly();
        }
        return copy;
    }

    /** Appends a container's output to the session's log file, as the local launcher's redirect does. */
    private static final class LogCopy extends ResultCallback.Adapter<Frame> {
        private final Path file;
        private final String name;
        private OutputStream out;

        LogCopy(Path file, String name) {
            this.file = file;
            this.name = name;
        }

        @Override
        public void onError(Throwable throwable) {
            // the stream breaks when the container is removed or the orchestrator stops: not worth an ERROR
            log.debug("container {}: output stream ended: {}", name, throwable.toString());
            try {
                close();
            } catch (IOException ignored) {
                // already closing
            }
        }

        @Override
        public synchronized void onNext(Frame frame) {
            try {
                if (out == null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                out.write(frame.getPayload());
                out.flush();
            } catch (IOException e) {
                log.debug("container {}: log line not written to {}: {}", name, file, e.toString());
            }
        }

        synchronized void closeQuietly() {
            try {
                close();
            } catch (IOException | RuntimeException ignored) {
                // the stream ends with the container anyway
            }
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // nothing left to lose
            }
        }
    }
}
