package dev.skirmish.orchestrator.launch;

import java.util.concurrent.CompletableFuture;

/** A game server that is a local OS process (our child, or one re-adopted after a restart). */
final class ProcessServerHandle implements ServerHandle {
    private final ProcessHandle process;
    private final CompletableFuture<Integer> exit;

    ProcessServerHandle(ProcessHandle process, CompletableFuture<Integer> exit) {
        this.process = process;
        this.exit = exit;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void terminate() {
        process.destroy();
    }

    @Override
    public void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public CompletableFuture<Integer> exit() {
        return exit;
    }

    @Override
    public String describe() {
        return "pid " + process.pid();
    }
}
