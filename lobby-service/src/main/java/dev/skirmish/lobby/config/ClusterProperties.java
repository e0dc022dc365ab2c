package dev.skirmish.lobby.config;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lobby cluster (profile {@code cluster}, prefix {@code skirmish.cluster}; docs/scaling.md). Read only when the
 * profile is active: without it the lobby keeps its in-memory broker and needs none of this.
 *
 * @param relayHost             RabbitMQ host with the STOMP plugin (default 127.0.0.1)
 * @param relayPort             its STOMP port (default 61613)
 * @param relayLogin            login for the clients' relayed connections and the system connection (default guest)
 * @param relayPasscode         its passcode; a secret: set it from the environment (SKIRMISH_RELAY_PASSCODE), never on a
 *                              command line (default guest, RabbitMQ's loopback-only default user)
 * @param relayVirtualHost      RabbitMQ virtual host (default /)
 * @param relayHeartbeatSend    how often the system connection sends a heartbeat to RabbitMQ (default 10s)
 * @param relayHeartbeatReceive how often RabbitMQ must send one on the system connection (default 10s)
 * @param countdownTakeover     a countdown this long past its end and still not claimed (its node died) is claimed
 *                              and launched by another node (default 3s)
 * @param sweepInterval         how often a node looks for such countdowns, for empty rooms to expire and for reconnect
 *                              windows that ended (default 2s)
 * @param presenceLease         how long a node's word that it holds a player's WebSocket counts; each node renews its
 *                              players every third of it, so a dead node's players count as disconnected (and their
 *                              reconnect window starts) at most this long after its death (default 30s)
 * @param fanout                how events reach clients on other nodes: {@code relay} (Spring's STOMP broker relay, one
 *                              RabbitMQ connection and queue per client session) or {@code node} (one RabbitMQ connection
 *                              per node, each node delivers to its own clients and listens to the rooms it has members in; see
 *                              docs/scaling.md) (default node: less CPU per delivery and nothing lost where the relay
 *                              fell behind, docs/benchmarks.md)
 * @param bridgeRetry           fanout {@code node}: how long a node waits before connecting to RabbitMQ again after the
 *                              connection failed or was lost (default 2s)
 * @param sharedChatLimit       the chat rate limit per player in PostgreSQL, once for all nodes (true), or per node
 *                              (false: a player's lines are counted by the node its STOMP connection is on, so one
 *                              player with connections to k nodes gets up to k times the rate; saves the chat
 *                              writer's bucket statement per batch of lines) (default true)
 * @param bundleWindow          fanout {@code node}: how long a node gathers what it publishes for other nodes into one
 *                              RabbitMQ frame (a bundle) before it sends it; 0 sends one frame per line on the room's own
 *                              topic, as before bundles (every node of a cluster must agree) (default 2ms: a frame per
 *                              line makes the publishing thread wait for each write to RabbitMQ and fell behind on the
 *                              quiet goal-size run and the alternated pairs, docs/benchmarks.md)
 * @param bundleMaxBytes        a bundle is sent before its window ends once it holds this many bytes, 1 KiB to 512 KiB
 *                              (default 32768)
 * @param bundleMaxLines        ... or this many lines, 1 to 1024 (default 64)
 * @param bridgeMaxBytesInFlight fanout {@code node}: how many bytes of frames a node may have handed to its RabbitMQ
 *                              connection and not yet written before a writer waits for its write (back-pressure,
 *                              never a drop); below it writes do not wait, 64 KiB to 64 MiB (default 4194304: over a
 *                              second of a goal-size node's bundles)
 * @param interestSkip          fanout {@code node} with bundles: room affinity's sender-side skip; a node keeps to itself
 *                              a room's line that no other node listens to, told by the other nodes' interest frames
 *                              in their bundles ({@code +room}, {@code -room}, snapshots, acks, a hello a second); a
 *                              room's first subscriber's RECEIPT waits until every live node acked its {@code +room}
 *                              (docs/scaling.md, "Room affinity"). A node that speaks no interest frames (an older
 *                              version) gets everything (default true)
 * @param nodeName              this node's stable name, the same as its {@code server} name in HAProxy's
 *                              {@code lobby_nodes} backend (e.g. {@code lobby-one}): a room created here stores it as its
 *                              home node and the room answers name it ({@code "node"}), so a client can ask HAProxy for
 *                              that node ({@code /ws?node=}); 1 to 32 letters, digits or '-' (default unset: no home
 *                              nodes, no hints, docs/scaling.md "Room affinity")
 */
@ConfigurationProperties("skirmish.cluster")
public record ClusterProperties(
        @DefaultValue("127.0.0.1") String relayHost,
        @DefaultValue("61613") int relayPort,
        @DefaultValue("guest") String relayLogin,
        @DefaultValue("guest") String relayPasscode,
        @DefaultValue("/") String relayVirtualHost,
        @DefaultValue("10s") Duration relayHeartbeatSend,
        @DefaultValue("10s") Duration relayHeartbeatReceive,
        @DefaultValue("3s") Duration countdownTakeover,
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("30s") Duration presenceLease,
        @DefaultValue("node") String fanout,
        @DefaultValue("2s") Duration bridgeRetry,
        @DefaultValue("true") boolean sharedChatLimit,
        @DefaultValue("2ms") Duration bundleWindow,
        @DefaultValue("32768") int bundleMaxBytes,
        @DefaultValue("64") int bundleMaxLines,
        @DefaultValue("4194304") long bridgeMaxBytesInFlight,
        @DefaultValue("true") boolean interestSkip,
        String nodeName) {

    /** What a node name may be: it goes into a room's row, its answers and HAProxy's URL match, so nothing else. */
    public static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9-]{1,32}");

    public ClusterProperties {
        if (!"relay".equals(fanout) && !"node".equals(fanout)) {
            throw new IllegalArgumentException("skirmish.cluster.fanout must be relay or node, not " + fanout);
        }
        // a receiving node refuses a bundle over 1 MiB or 1,024 lines (Bundle): a sender stays well under both
        if (bundleWindow.isNegative() || bundleWindow.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("skirmish.cluster.bundle-window must be 0 to 100ms, not " + bundleWindow);
        }
        if (bundleMaxBytes < 1024 || bundleMaxBytes > 512 * 1024) {
            throw new IllegalArgumentException("skirmish.cluster.bundle-max-bytes must be 1024 to 524288, not " + bundleMaxBytes);
        }
        if (bundleMaxLines < 1 || bundleMaxLines > 1024) {
            throw new IllegalArgumentException("skirmish.cluster.bundle-max-lines must be 1 to 1024, not " + bundleMaxLines);
        }
        if (bridgeMaxBytesInFlight < 64 * 1024 || bridgeMaxBytesInFlight > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("skirmish.cluster.bridge-max-bytes-in-flight must be 65536 to 67108864, not " + bridgeMaxBytesInFlight);
        }
        if (nodeName != null && !NODE_NAME.matcher(nodeName).matches()) {
            // the value is the operator's, not a client's, but it is still not echoed whole: it may be anything
            throw new IllegalArgumentException("skirmish.cluster.node-name must be 1 to 32 letters, digits or '-' (HAProxy's server name)");
        }
    }

    /**
     * How long the room sweep's and the reconnect-window sweep's ShedLock hold outlives a node that died inside the
     * sweep: other nodes skip those sweeps this long. Two intervals, not more: a dead node's countdowns are taken over
     * by the next sweep after the hold lapses, so at most {@code max(countdown-takeover, hold) + sweep-interval} after
     * the countdown's end (6 s with the defaults, the issue's bound is 10 s; ten intervals, 20 s, broke it). A short
     * hold is safe because each claim of a sweep takes the room's row lock or a conditional update: two sweeps that
     * overlap (one slower than its hold) still launch, remove and free everything once.
     */
    public Duration sweepHold() {
        return sweepHold(sweepInterval);
    }

    /** {@link #sweepHold()} for a given interval. */
    public static Duration sweepHold(Duration sweepInterval) {
        return sweepInterval.multipliedBy(2);
    }

    /** Fan-out {@code node}: one broker connection per node instead of Spring's relay. */
    public boolean nodeFanout() {
        return "node".equals(fanout);
    }

    /** Fan-out {@code node} sends bundles (a window above 0) rather than one frame per line. */
    public boolean bundles() {
        return !bundleWindow.isZero();
    }

    /** The passcode never reaches a log through this record's toString. */
    @Override
    public String toString() {
        return "ClusterProperties[relay=" + relayLogin + "@" + relayHost + ":" + relayPort + relayVirtualHost + "]";
    }
}
