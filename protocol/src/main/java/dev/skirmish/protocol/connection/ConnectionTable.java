package dev.skirmish.protocol.connection;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Player slots of a match, found by player name (one slot per allowed name, index = position in the list) and by
 * the address currently attached to it.
 */
public final class ConnectionTable {
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Map<Integer, Connection> byIndex = new HashMap<>();
    private final Map<InetSocketAddress, Connection> byAddress = new HashMap<>();

    ConnectionTable(List<String> allowedNames) {
        allow(allowedNames);
    }

    /** Adds names (a warm server gets its players late); existing names keep their index. */
    void allow(List<String> allowedNames) {
        for (String name : allowedNames) {
            if (!indexByName.containsKey(name)) {
                indexByName.put(name, names.size());
                names.add(name);
            }
        }
    }

    public int maxPlayers() {
        return names.size();
    }

    public Optional<Integer> indexOf(String playerName) {
        return Optional.ofNullable(indexByName.get(playerName));
    }

    public Optional<Connection> byAddress(InetSocketAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** {@link #byAddress} without the Optional (the receive path looks one up per datagram); null when none. */
    Connection atAddress(InetSocketAddress address) {
        return byAddress.get(address);
    }

    public Optional<Connection> byIndex(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    public Collection<Connection> slots() {
        return byIndex.values();
    }

    public int connectedCount() {
        int n = 0;
        for (Connection c : byIndex.values()) {
            if (c.connected()) {
                n++;
            }
        }
        return n;
    }

    Connection slotFor(int index, String playerId, String playerName) {
        return byIndex.computeIfAbsent(index, i -> new Connection(i, playerId, playerName));
    }

    void bindAddress(Connection c, InetSocketAddress previous) {
        if (previous != null) {
            byAddress.remove(previous, c);
        }
        Connection displaced = byAddress.put(c.address(), c);
        if (displaced != null && displaced != c) {
            displaced.detach();
        }
    }

    void unbind(Connection c) {
        if (c.address() != null) {
            byAddress.remove(c.address(), c);
        }
        c.detach();
    }
}
