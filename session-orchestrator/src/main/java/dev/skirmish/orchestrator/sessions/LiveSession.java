package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.callbacks.Allocation;
import dev.skirmish.orchestrator.callbacks.Heartbeat;
import dev.skirmish.orchestrator.launch.ServerHandle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A session whose process may still be alive: the in-memory side of {@link SessionEntity}. It stays registered
 * (and keeps its port) until the process is gone, even after the session reached a terminal state.
 */
public final class LiveSession {
    final String id;
    final int port;
    final byte[] sessionKey;
    final boolean warm;
    final Path logFile;
    final Instant createdAt;
    final long createdNanos = System.nanoTime();
    /** Completes when the server reports READY; fails when it exits first. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Warm servers only: completes when a match is assigned. */
    final CompletableFuture<Allocation> allocation = new CompletableFuture<>();

    volatile String roomId;
    volatile List<PlayerRequest> players = List.of();
    volatile int matchSeconds;
    volatile SessionState state = SessionState.REQUESTED;
    volatile ServerHandle process;
    volatile Instant readyAt;
    /** Cold-start stages (see {@link StartTimes}); null until reached. */
    volatile Instant launchedAt;
    volatile Instant readyStoredAt;
    volatile Instant allocatedAt;
    volatile Instant lastHeartbeatAt;
    volatile Heartbeat lastStats;
    /** When the heartbeat stats were last written to the session row. */
    volatile Instant statsStoredAt;
    /** When set, the process gets a forced kill once this instant passes. */
    volatile Instant killAt;
    volatile boolean stopRequested;
    /** Where players reach the server when the launcher chose it (agones); null: public-host and {@link #port}. */
    volatile java.net.InetSocketAddress endpoint;

    LiveSession(String id, int port, byte[] sessionKey, boolean warm, Path logFile, Instant createdAt) {
        this.id = id;
        this.port = port;
        this.sessionKey = sessionKey.clone();
        this.warm = warm;
        this.logFile = logFile;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public int port() {
        return port;
    }

    public String roomId() {
        return roomId;
    }

    public SessionState state() {
        return state;
    }

    public boolean warm() {
        return warm;
    }

    public Heartbeat lastStats() {
        return lastStats;
    }

    public ServerHandle process() {
        return process;
    }

    /** When each stage of this server's start was reached, for the start-to-READY log line and the benchmark. */
    public StartTimes startTimes() {
        return new StartTimes(createdAt, launchedAt, readyAt, readyStoredAt);
    }

    /**
     * @param reserved     slot and port taken (the request was parsed and validated)
     * @param launched     the launcher returned: session row stored, process spawned
     * @param readyCalled  the server's {@code ready} callback reached the orchestrator
     * @param readyStored  READY committed (the waiting request is released right after)
     */
    public record StartTimes(Instant reserved, Instant launched, Instant readyCalled, Instant readyStored) {
    }

    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    public String sessionKeyBase64() {
        return Base64.getEncoder().encodeToString(sessionKey);
    }

    /** A warm server that is READY and has not been given a match. */
    boolean idleWarm() {
        return warm && roomId == null && state == SessionState.READY && !allocation.isDone();
    }

    boolean processAlive() {
        ServerHandle p = process;
        return p != null && p.isAlive();
    }
}
