package dev.skirmish.protocol.connection;

/** Counters of one {@link ServerEndpoint}, read by the game server's heartbeat. Single-threaded like the endpoint. */
public final class ServerStats {
    long bytesIn;
    long bytesOut;
    long packetsOut;
    long dropped;
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

    public int maxPacketBytes() {
        return maxPacketBytes;
    }
}
