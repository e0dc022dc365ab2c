package dev.skirmish.protocol.connection;

/** Where a {@link ClientEndpoint} is in the handshake. The last four are final. */
public enum ClientState {
    SENDING_REQUEST,
    SENDING_RESPONSE,
    CONNECTED,
    DENIED,
    TIMED_OUT,
    TOKEN_EXPIRED,
    DISCONNECTED;

    public boolean isFinal() {
        return ordinal() >= DENIED.ordinal();
    }
}
