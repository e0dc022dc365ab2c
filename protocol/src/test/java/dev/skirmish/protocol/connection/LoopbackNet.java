package dev.skirmish.protocol.connection;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Records datagrams an endpoint sends, for tests that move them by hand (dropping, spoofing, replaying). */
final class LoopbackNet implements DatagramSink {
    record Sent(InetSocketAddress to, byte[] datagram) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        sent.add(new Sent(to, datagram));
    }

    List<Sent> drain() {
        List<Sent> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }
}
