package dev.skirmish.protocol.packet;

import dev.skirmish.protocol.wire.WireWriter;

/** One datagram's message. Each record writes its own payload and has a static {@code read} counterpart. */
public sealed interface Packet permits ConnectionRequest, Challenge, ChallengeResponse, Denied, KeepAlive,
        InputPacket, SnapshotPacket, EventsPacket, Disconnect {

    PacketType type();

    /** Writes the payload (everything after the type byte for plain packets, the plaintext for sealed ones). */
    void writePayload(WireWriter w);
}
