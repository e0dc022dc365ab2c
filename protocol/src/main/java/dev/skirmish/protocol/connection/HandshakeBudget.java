package dev.skirmish.protocol.connection;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How many handshake packets (each costs an AEAD open) the server processes per second: at most {@code global} in
 * all, and at most {@code perAddress} from one source IP, so one address flooding well-formed requests cannot use up
 * what other clients need. Windows are whole seconds. The per-address counts are kept for the current second only:
 * the table is emptied when the second rolls over (its cleaner). An address enters it only with a packet the global
 * budget admits, so it holds at most {@code global} entries a second, and never more than {@code maxAddresses}.
 * Single-threaded, like the endpoint.
 */
final class HandshakeBudget {
    private final int global;
    private final int perAddress;
    private final int maxAddresses;
    private final Map<InetAddress, int[]> byAddress = new HashMap<>();
    private long windowStart = Long.MIN_VALUE / 4; // far past, without overflow in now - start
    private int used;

    HandshakeBudget(int global, int perAddress, int maxAddresses) {
        this.global = global;
        this.perAddress = perAddress;
        this.maxAddresses = maxAddresses;
    }

    /** Charges one handshake packet from {@code from}; false when over either budget (the packet is then dropped). */
    boolean tryCharge(InetAddress from, long now) {
        if (now - windowStart >= 1000 || now < windowStart) {
            windowStart = now;
            used = 0;
            byAddress.clear();
        }
        if (used >= global) {
            return false; // checked first, so an address is only ever tracked for a packet that is processed
        }
        int[] count = byAddress.get(from);
        if (count == null) {
            if (byAddress.size() >= maxAddresses) {
                return false;
            }
            count = new int[1];
            byAddress.put(from, count);
        }
        if (count[0] >= perAddress) {
            return false;
        }
        count[0]++;
        used++;
        return true;
    }

    /** Addresses tracked in the current second (tests: the table stays bounded and is cleaned). */
    int trackedAddresses() {
        return byAddress.size();
    }
}
