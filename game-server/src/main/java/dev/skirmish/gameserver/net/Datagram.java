package dev.skirmish.gameserver.net;

import java.net.InetSocketAddress;

/** One received datagram, copied out of Netty's buffer so the tick thread owns it. */
public record Datagram(byte[] data, InetSocketAddress sender) {
}
