package dev.skirmish.orchestrator.sessions;

import dev.skirmish.orchestrator.launch.ServerHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A session whose process may still be alive: the in-memory side of {@link SessionEntity}. It stays registered
 * (and keeps its port) until the process is gone, even after the session reached a terminal state.
 * <p>
 * One owner: its public methods only read; the package-private ones change it and are called only by the session
 * lifecycle ({@link SessionLifecycle}, {@link SessionHeartbeats}, {@link SessionEndings}), except the room claim
 * of a warm server, which {@link SessionRegistry} makes under its capacity lock. {@code ArchitectureTest} holds
 * every other class to that.
 */
public final class LiveSession {
    private final String id;
    private final int port;
    private final byte[] sessionKey;
    private final boolean warm;
    private final Path logFile;
    private final Instant createdAt;
    private final long createdNanos = System.nanoTime();
    /** Completes when the server reports READY; fails when it exits first. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Warm servers only: completes when a match is assigned. */
    private final CompletableFuture<Allocation> allocation = new CompletableFuture<>();

    private volatile String roomId;
    private volatile List<PlayerRequest> players = List.of();
    private volatile int matchSeconds;
    private volatile SessionState state = SessionState.REQUESTED;
    private volatile ServerHandle process;
    private volatile Instant readyAt;
    /** Cold-start stages (see {@link StartTimes}); null until reached. */
    private volatile Instant launchedAt;
    private volatile Instant readyStoredAt;
    private volatile Instant allocatedAt;
    private volatile Instant lastHeartbeatAt;
    private volatile Heartbeat lastStats;
    /** When the heartbeat stats were last written to the session row. */
    private volatile Instant statsStoredAt;
    /** When set, the process gets a forced kill once this instant passes. */
    private volatile Instant killAt;
    private volatile boolean stopRequested;
    /** Where players reach the server when the launcher chose it (agones); null: public-host and {@link #port}. */
    private volatile java.net.InetSocketAddress endpoint;
    /**
     * In-game names an operator removed from the match: repeated on every heartbeat answer until the process is gone
     * (a lost answer loses nothing; the game server applies a kick once). Bounded by the seats of the session.
     */
    private final java.util.Set<String> kicked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LiveSession(String id, int port, byte[] sessionKey, boolean warm, Path logFile, Instant createdAt, String roomId) {
        this.id = id;
        this.port = port;
        this.sessionKey = sessionKey.clone();
        this.warm = warm;
        this.logFile = logFile;
        this.createdAt = createdAt;
        this.roomId = roomId;
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

    public List<PlayerRequest> players() {
        return players;
    }

    public int matchSeconds() {
        return matchSeconds;
    }

    public Path logFile() {
        return logFile;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant readyAt() {
        return readyAt;
    }

    public Instant allocatedAt() {
        return allocatedAt;
    }

    public Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public Instant statsStoredAt() {
        return statsStoredAt;
    }

    public Instant killAt() {
        return killAt;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Time since the slot was reserved, on the monotonic clock. */
    public Duration sinceCreated() {
        return Duration.ofNanos(System.nanoTime() - createdNanos);
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
    public boolean idleWarm() {
        return warm && roomId == null && state == SessionState.READY && !allocation.isDone();
    }

    public boolean processAlive() {
        ServerHandle p = process;
        return p != null && p.isAlive();
    }

    /** Waits for READY; fails with an {@link ExecutionException} when the process exited first. */
    public void awaitReady(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A warm server's match once assigned, or empty when none came within {@code timeout}. */
    public Optional<Allocation> awaitAllocation(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(allocation.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The names to remove from the match, for the heartbeat answer; empty when nobody was kicked. */
    public List<String> kicked() {
        return kicked.isEmpty() ? List.of() : List.copyOf(kicked);
    }

    // ---- changes: the session lifecycle only (the registry: claimRoom) ----

    /** Only names of this session's players come here, so the set never outgrows its seats. */
    void kick(String name) {
        kicked.add(name);
    }

    /** A warm server is handed to a room (under the registry's lock, so no two rooms get it). */
    void claimRoom(String roomId) {
        this.roomId = roomId;
    }

    void plan(List<PlayerRequest> players, int matchSeconds) {
        this.players = List.copyOf(players);
        this.matchSeconds = matchSeconds;
    }

    void state(SessionState state) {
        this.state = state;
    }

    /** Where players reach the server when the launcher chose it (agones); null: public-host and {@link #port()}. */
    public java.net.InetSocketAddress endpoint() {
        return endpoint;
    }

    void endpoint(java.net.InetSocketAddress endpoint) {
        this.endpoint = endpoint;
    }

    void process(ServerHandle process) {
        this.process = process;
    }

    void launchedAt(Instant at) {
        this.launchedAt = at;
    }

    void readyAt(Instant at) {
        this.readyAt = at;
    }

    void readyStoredAt(Instant at) {
        this.readyStoredAt = at;
    }

    void allocatedAt(Instant at) {
        this.allocatedAt = at;
    }

    void heartbeatAt(Instant at) {
        this.lastHeartbeatAt = at;
    }

    void lastStats(Heartbeat beat) {
        this.lastStats = beat;
    }

    void statsStoredAt(Instant at) {
        this.statsStoredAt = at;
    }

    void killAt(Instant at) {
        this.killAt = at;
    }

    void requestStop() {
        this.stopRequested = true;
    }

    void completeReady() {
        ready.complete(null);
    }

    void failReady(Throwable why) {
        ready.completeExceptionally(why);
    }

    void completeAllocation(Allocation a) {
        allocation.complete(a);
    }
}
