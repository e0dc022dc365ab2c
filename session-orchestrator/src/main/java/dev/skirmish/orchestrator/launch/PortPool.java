package dev.skirmish.orchestrator.launch;

import dev.skirmish.orchestrator.config.OrchestratorProperties;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.BitSet;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * UDP ports for game servers. A port goes back to the pool only once its process is gone, so a new server can
 * never race a dying one for the socket. Ports some other program holds are skipped.
 */
@Component
public class PortPool {
    private static final Logger log = LoggerFactory.getLogger(PortPool.class);

    private final int first;
    private final int size;
    private final String bindAddress;
    private final BitSet used;
    private int next;

    public PortPool(OrchestratorProperties props) {
        this.first = props.portRangeStart();
        this.size = props.portRangeEnd() - props.portRangeStart() + 1;
        this.bindAddress = props.bindAddress();
        this.used = new BitSet(size);
    }

    /** A free port, round-robin so a just-released port rests a little; empty when the pool is exhausted. */
    public synchronized OptionalInt acquire() {
        for (int i = 0; i < size; i++) {
            int idx = (next + i) % size;
            if (!used.get(idx) && bindable(first + idx)) {
                used.set(idx);
                next = (idx + 1) % size;
                return OptionalInt.of(first + idx);
            }
        }
        return OptionalInt.empty();
    }

    /** Marks a port taken by a re-adopted server. */
    public synchronized void reserve(int port) {
        if (contains(port)) {
            used.set(port - first);
        }
    }

    public synchronized void release(int port) {
        if (contains(port)) {
            used.clear(port - first);
            log.debug("port {} released", port);
        }
    }

    public synchronized int free() {
        return size - used.cardinality();
    }

    public synchronized boolean inUse(int port) {
        return contains(port) && used.get(port - first);
    }

    public int capacity() {
        return size;
    }

    private boolean contains(int port) {
        return port >= first && port < first + size;
    }

    private boolean bindable(int port) {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return true;
        } catch (Exception e) {
            log.debug("port {} is held by another program, skipped", port);
            return false;
        }
    }
}
