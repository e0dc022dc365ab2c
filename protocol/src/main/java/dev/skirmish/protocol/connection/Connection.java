package dev.skirmish.protocol.connection;

import dev.skirmish.protocol.crypto.ConnectionKeys;
import dev.skirmish.protocol.packet.ReplayWindow;
import java.net.InetSocketAddress;

/**
 * One player's slot on the server. It outlives disconnects, so a player that comes back with the same token gets the
 * same index. Every attach brings new per-connection keys (docs/protocol.md "Per-connection keys"), so the replay
 * window and the send sequence start afresh with them: packets of an earlier connection do not open under the new
 * keys.
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
    private byte[] clientSalt;
    private long sendSequence;

    Connection(int playerIndex, String playerId, String playerName) {
        this.playerIndex = playerIndex;
        this.playerId = playerId;
        this.playerName = playerName;
    }

    /**
     * Attaches a client with the keys of the handshake {@code challengeSequence}. The caller makes sure a handshake
     * is attached at most once (challenge sequences only grow), so the keys, hence every (key, nonce), are new.
     */
    void attach(InetSocketAddress from, ConnectionKeys keys, long challengeSequence, byte[] clientSalt, long now) {
        this.replay = new ReplayWindow();
        this.sendSequence = 0;
        this.address = from;
        this.clientToServerKey = keys.clientToServer();
        this.serverToClientKey = keys.serverToClient();
        this.challengeSequence = challengeSequence;
        this.clientSalt = clientSalt.clone();
        this.connected = true;
        this.lastReceivedMillis = now;
    }

    /** What a valid CHALLENGE_RESPONSE for this slot leads to. */
    enum Admission { ATTACH, REPEAT, REFUSE }

    Admission admission(InetSocketAddress from, long challengeSequence, byte[] clientSalt) {
        if (connected) {
            if (!from.equals(address)) {
                return Admission.REFUSE; // the slot is held by a live connection elsewhere
            }
            if (challengeSequence == this.challengeSequence && java.util.Arrays.equals(this.clientSalt, clientSalt)) {
                return Admission.REPEAT; // the client did not get our confirmation yet
            }
        }
        // each handshake attaches at most once: attaching it again would derive the same keys and count sequences
        // from 0 under them a second time (challenge sequences only grow within a server process)
        return challengeSequence > this.challengeSequence ? Admission.ATTACH : Admission.REFUSE;
    }

    /** Sequence for the next packet sealed to this connection: from 0, never reused under its keys. */
    long nextSendSequence() {
        return sendSequence++;
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
