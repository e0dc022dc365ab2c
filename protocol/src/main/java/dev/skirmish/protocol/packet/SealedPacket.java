package dev.skirmish.protocol.packet;

/** A packet that passed authentication, with the sequence it was sealed under (for the replay window). */
public record SealedPacket(long sequence, Packet packet) {
}
