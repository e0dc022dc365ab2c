package dev.skirmish.orchestrator.launch.agones;

import dev.skirmish.orchestrator.launch.ServerHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An allocated Agones GameServer as the session code sees it. Stops go through Agones: a graceful stop deletes
 * the GameServer (Kubernetes sends the pod SIGTERM, the server reports SHUTDOWN), a kill deletes it without grace.
 * The launcher's watch completes {@link #exit()} once the GameServer is gone or Agones gave up on it.
 */
final class GameServerHandle implements ServerHandle {
    private final String name;
    private final Consumer<Long> delete;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    /** @param delete deletes the GameServer with this grace period in seconds (null: the pod's own) */
    GameServerHandle(String name, Consumer<Long> delete) {
        this.name = name;
        this.delete = delete;
    }

    String name() {
        return name;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void terminate() {
        delete.accept(null);
    }

    @Override
    public void kill() {
        delete.accept(0L);
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    /** 0: shut down by itself, 1: Agones marked it Unhealthy or Error, -1: deleted (we do not know how it ended). */
    void ended(int code) {
        exit.complete(code);
    }

    @Override
    public String describe() {
        return "GameServer " + name;
    }
}
