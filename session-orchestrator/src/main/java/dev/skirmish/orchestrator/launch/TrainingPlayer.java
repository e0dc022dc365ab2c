package dev.skirmish.orchestrator.launch;

import dev.skirmish.protocol.client.GameClient;
import dev.skirmish.protocol.packet.InputFrame;
import dev.skirmish.protocol.token.ConnectToken;
import dev.skirmish.protocol.token.ConnectTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The AOT training match's one player: it joins over UDP with a token for the training server's own random key
 * (in memory only) and plays at the tick rate until the training run ends, so the cache holds the classes and
 * method profiles of a real match's play path (handshake, inputs, snapshots, events), not only of an empty
 * match: without them, every server loads those classes into its own metaspace when its first player joins and
 * compiles that path from scratch in the match's first seconds, the peak of its memory (docs/benchmarks.md,
 * "game-server memory"). Bounded: one client, connect within 5 s, plays only until {@code until}.
 */
final class TrainingPlayer {
    /** Walk right, jump and shoot, walk left and swing: every control of the game within a second. */
    private static final int[] MOVES = {
            InputFrame.RIGHT, InputFrame.RIGHT | InputFrame.JUMP, InputFrame.RIGHT | InputFrame.PISTOL,
            InputFrame.LEFT, InputFrame.LEFT | InputFrame.SWORD, InputFrame.LEFT | InputFrame.JUMP | InputFrame.PISTOL};
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private TrainingPlayer() {
    }

    /**
     * Joins {@code sessionId} as {@code playerId} on the server bound to {@code bindAddress}:{@code port} and plays
     * until {@code until}; a wildcard bind address is reached over loopback.
     */
    static void play(byte[] sessionKey, String sessionId, String playerId, String bindAddress, int port, int tickRate,
                     Instant until) {
        InetAddress host;
        try {
            host = InetAddress.getByName(bindAddress);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("training server address " + bindAddress + " does not resolve", e);
        }
        InetSocketAddress server = new InetSocketAddress(host.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : host, port);
        String token = ConnectTokens.issue(sessionKey, sessionId, playerId, playerId, server, Instant.now().plusSeconds(60));
        long period = 1_000_000_000L / Math.max(1, tickRate);
        try (GameClient client = GameClient.connect(ConnectToken.parse(token), server, CONNECT_TIMEOUT)) {
            long next = System.nanoTime();
            for (int tick = 0; Instant.now().isBefore(until); tick++) {
                client.sendInput(MOVES[tick / 10 % MOVES.length]);
                client.drainEvents();
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
    }
}
