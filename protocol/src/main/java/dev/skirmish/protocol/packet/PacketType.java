package dev.skirmish.protocol.packet;

/** First byte of every datagram. Values are part of the wire contract (docs/protocol.md). */
public enum PacketType {
    CONNECTION_REQUEST(0x01, false),
    CHALLENGE(0x02, true),
    CHALLENGE_RESPONSE(0x03, false),
    DENIED(0x04, true),
    KEEP_ALIVE(0x05, true),
    INPUT(0x06, true),
    SNAPSHOT(0x07, true),
    EVENTS(0x08, true),
    DISCONNECT(0x09, true);

    private final int code;
    private final boolean encrypted;

    PacketType(int code, boolean encrypted) {
        this.code = code;
        this.encrypted = encrypted;
    }

    public int code() {
        return code;
    }

    /** True for packets laid out as type, 64-bit sequence, AEAD ciphertext. */
    public boolean encrypted() {
        return encrypted;
    }

    /** Index = first byte; built once because values() copies the array on every call (once per datagram). */
    private static final PacketType[] BY_CODE = new PacketType[256];

    static {
        for (PacketType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    /** The type for a first byte, or null when no packet starts with it. */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
