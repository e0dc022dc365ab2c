package dev.skirmish.protocol.connection;

import java.net.InetSocketAddress;

/** Where an endpoint's outgoing datagrams go: a Netty channel, a DatagramChannel, or a list in a test. */
@FunctionalInterface
public interface DatagramSink {
    void send(InetSocketAddress to, byte[] datagram);
}
