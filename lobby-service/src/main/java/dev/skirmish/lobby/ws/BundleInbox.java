package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.InvalidMimeTypeException;

/**
 * Fan-out {@code node}: another node's bundle, as RabbitMQ delivered it, split into its lines, each handed on as a
 * single frame from RabbitMQ would be, in the bundle's order. A malformed bundle delivers nothing and a line whose
 * content type does not parse is left out; both are counted ({@code lobby_cluster_bundles_dropped}) and logged at
 * WARN with the reason, never with the body (a broker frame is untrusted input: docs/security.md).
 */
final class BundleInbox {
    private static final Logger log = LoggerFactory.getLogger(BundleInbox.class);

    /** Where a line goes: the bridge's check of the destination, then this node's broker. */
    interface Deliver {
        void deliver(String origin, String destination, String contentType, byte[] body);
    }

    private final Counter dropped;
    private final Deliver deliver;

    BundleInbox(MeterRegistry meters, Deliver deliver) {
        this.dropped = Counter.builder("lobby.cluster.bundles.dropped").description("bundles (or lines of them) from RabbitMQ refused: malformed or over a bound").register(meters);
        this.deliver = deliver;
    }

    /** {@code origin}: the sending node's id as the frame's header says (unchecked: the interest frames check it). */
    void accept(String origin, byte[] body) {
        List<Bundle.Line> lines;
        try {
            lines = Bundle.decode(body);
        } catch (Bundle.Malformed e) {
            dropped.increment();
            log.warn("bundle from RabbitMQ dropped: {}", e.getMessage());
            return;
        }
        for (Bundle.Line line : lines) {
            try {
                deliver.deliver(origin, line.destination(), line.contentType(), line.body());
            } catch (InvalidMimeTypeException e) {
                dropped.increment();
                log.warn("line of a bundle from RabbitMQ dropped: content type not valid");
            }
        }
    }
}
