package dev.skirmish.protocol.connection;

/** Counters of one {@link ServerEndpoint}, read by the game server's heartbeat. Single-threaded like the endpoint. */
public final class ServerStats {
    long bytesIn;
    long bytesOut;
    long packetsOut;
    long dropped;
    long throttled;
    int maxPacketBytes;

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long packetsOut() {
        return packetsOut;
    }

    /** Datagrams ignored: malformed, unauthenticated, replayed, refused tokens, over the handshake budget. */
    public long dropped() {
        return dropped;
    }

    /** Of the dropped datagrams, well-formed handshake packets over the global or per-address budget. */
    public long throttled() {
        return throttled;
    }

    public int maxPacketBytes() {
        return maxPacketBytes;
    }
}
