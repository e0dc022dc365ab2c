package dev.skirmish.lobby.config;

import java.time.Duration;
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
 *                              player with connections to k nodes gets up to k times the rate; saves a PostgreSQL
 *                              transaction per chat line) (default true)
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
        @DefaultValue("true") boolean sharedChatLimit) {

    public ClusterProperties {
        if (!"relay".equals(fanout) && !"node".equals(fanout)) {
            throw new IllegalArgumentException("skirmish.cluster.fanout must be relay or node, not " + fanout);
        }
    }

    /** Fan-out {@code node}: one broker connection per node instead of Spring's relay. */
    public boolean nodeFanout() {
        return "node".equals(fanout);
    }

    /** The passcode never reaches a log through this record's toString. */
    @Override
    public String toString() {
        return "ClusterProperties[relay=" + relayLogin + "@" + relayHost + ":" + relayPort + relayVirtualHost + "]";
    }
}
