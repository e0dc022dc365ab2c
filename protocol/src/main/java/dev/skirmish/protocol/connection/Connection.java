package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.packet.ReplayWindow;
import java.net.InetSocketAddress;

/**
 * One player's slot on the server. It outlives disconnects: the replay window and keys stay, so a player that
 * comes back with the same token gets the same index and old packets still cannot be replayed.
 */
public final class Connection {
    private final int playerIndex;
    private final String playerId;
    private final String playerName;
    private byte[] clientToServerKey;
    private byte[] serverToClientKey;
    private ReplayWindow replay = new ReplayWindow();
    private InetSocketAddress address;
    private boolean connected;
    private long lastReceivedMillis;
    private long lastSentMillis;
    private long rateWindowStart = Long.MIN_VALUE / 4; // far past, without overflow in now - start
    private int packetsInWindow;
    private long challengeSequence = -1;

    Connection(int playerIndex, String playerId, String playerName) {
        this.playerIndex = playerIndex;
        this.playerId = playerId;
        this.playerName = playerName;
    }

    void attach(InetSocketAddress from, byte[] c2s, byte[] s2c, long now) {
        if (clientToServerKey == null || !java.util.Arrays.equals(clientToServerKey, c2s)) {
            // a new token means new keys: sequences under the old key say nothing about the new one
            replay = new ReplayWindow();
        }
        this.address = from;
        this.clientToServerKey = c2s.clone();
        this.serverToClientKey = s2c.clone();
        this.connected = true;
        this.lastReceivedMillis = now;
    }

    /** The handshake that attached the current client: a repeated response carries the same one. */
    long challengeSequence() {
        return challengeSequence;
    }

    void challengeSequence(long sequence) {
        challengeSequence = sequence;
    }

    void detach() {
        connected = false;
    }

    public int playerIndex() {
        return playerIndex;
    }

    public String playerId() {
        return playerId;
    }

    public String playerName() {
        return playerName;
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean connected() {
        return connected;
    }

    public long lastReceivedMillis() {
        return lastReceivedMillis;
    }

    byte[] clientToServerKey() {
        return clientToServerKey;
    }

    byte[] serverToClientKey() {
        return serverToClientKey;
    }

    ReplayWindow replay() {
        return replay;
    }

    void received(long now) {
        lastReceivedMillis = now;
    }

    /** Counts a packet against the per-second budget; false when over it. */
    boolean withinRate(long now, int maxPerSecond) {
        if (now - rateWindowStart >= 1000 || now < rateWindowStart) {
            rateWindowStart = now;
            packetsInWindow = 0;
        }
        return ++packetsInWindow <= maxPerSecond;
    }

    long lastSentMillis() {
        return lastSentMillis;
    }

    void sent(long now) {
        lastSentMillis = now;
    }
}
