package dev.skirmish.cli.bots;

import dev.skirmish.protocol.netsim.NetworkConditions;
import dev.skirmish.protocol.netsim.UdpRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * {@code skirmish bots --loss/--latency/--jitter}: one {@link UdpRelay} (listening on loopback only) in front of each
 * game server the bots are sent to, so every bot's datagrams cross the simulated network both ways. At most
 * {@link #MAX_SERVERS} servers (a bot run plays a few rooms); all relays close with this.
 */
final class SimulatedNetwork implements UnaryOperator<InetSocketAddress>, AutoCloseable {
    static final int MAX_SERVERS = 64;

    private final NetworkConditions conditions;
    private final Map<InetSocketAddress, UdpRelay> relays = new ConcurrentHashMap<>();

    SimulatedNetwork(NetworkConditions conditions) {
        this.conditions = conditions;
    }

    @Override
    public InetSocketAddress apply(InetSocketAddress server) {
        return relays.computeIfAbsent(server, s -> {
            if (relays.size() >= MAX_SERVERS) {
                throw new IllegalStateException("more than " + MAX_SERVERS + " game servers in one bot run");
            }
            try {
                return UdpRelay.start(s, conditions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).address();
    }

    /** Datagrams the simulated network lost so far, over all servers. */
    long dropped() {
        return relays.values().stream().mapToLong(UdpRelay::dropped).sum();
    }

    @Override
    public void close() {
        relays.values().forEach(UdpRelay::close);
        relays.clear();
    }
}
