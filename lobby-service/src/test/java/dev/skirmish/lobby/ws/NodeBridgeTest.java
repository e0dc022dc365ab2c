package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.ClusterProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node takes from RabbitMQ under fan-out {@code node} (no broker needed: frames are handed to the bridge as
 * its subscription would). Attacks and faults it stops: a frame on RabbitMQ aimed at a destination players never
 * subscribe to through the lobby (an app destination, Spring's internals) being handed to the node's broker; an
 * oversized frame reaching every player; a node delivering its own publication twice (locally and back from
 * RabbitMQ).
 */
class NodeBridgeTest {
    private final ExecutorSubscribableChannel broker = new ExecutorSubscribableChannel();
    private final List<Message<?>> delivered = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final NodeBridge bridge;

    NodeBridgeTest() {
        broker.subscribe(delivered::add);
        var cluster = new ClusterProperties("127.0.0.1", 1, "guest", "guest", "/", Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(30), "node", Duration.ofSeconds(2), true,
                Duration.ZERO, 32768, 64, 4L << 20, true, null);
        bridge = new NodeBridge(cluster, new ThreadPoolTaskScheduler(), broker, meters, new BridgeTopics(), () -> { });
    }

    private static StompHeaders frame(String destination) {
        var h = new StompHeaders();
        h.setDestination(destination);
        h.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        h.set(NodeBridge.ORIGIN, "another-node");
        return h;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roomTopicsFromOtherNodesReachThisNodesBrokerWithSlashesAgain() {
        bridge.inbound(frame("/topic/rooms.r1.chat"), json("{\"text\":\"hi\"}"));
        assertThat(delivered).singleElement().satisfies(m -> {
            assertThat(SimpMessageHeaderAccessor.getDestination(m.getHeaders())).isEqualTo("/topic/rooms/r1/chat");
            assertThat(m.getHeaders()).containsKey(NodeBridge.BRIDGED);
        });
    }

    @Test
    void userMessagesFromOtherNodesAreResolvedHere() {
        var h = frame(NodeBridge.USER_TOPIC);
        h.set(NodeBridge.USER_DESTINATION, "/user/p1/queue/match");
        bridge.inbound(h, json("{}"));
        assertThat(delivered).singleElement()
                .satisfies(m -> assertThat(SimpMessageHeaderAccessor.getDestination(m.getHeaders())).isEqualTo("/user/p1/queue/match"));
    }

    @Test
    void framesForAnythingButTopicsAndUsersAreDropped() {
        var user = frame(NodeBridge.USER_TOPIC);
        user.set(NodeBridge.USER_DESTINATION, "/app/rooms/r1/chat");
        bridge.inbound(user, json("{}"));
        var noUser = frame(NodeBridge.USER_TOPIC);
        bridge.inbound(noUser, json("{}"));
        bridge.inbound(frame("/queue/match-user123"), json("{}"));
        assertThat(delivered).isEmpty();
    }

    @Test
    void oversizedFramesAreDropped() {
        bridge.inbound(frame("/topic/lobby.chat"), new byte[NodeBridge.MAX_BODY + 1]);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aNodesOwnPublicationIsNotDeliveredTwice() {
        // published here: delivered locally (by the broker) and counted as unsent (no RabbitMQ in this test)
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setDestination("/topic/lobby/chat");
        bridge.outbound(MessageBuilder.createMessage(json("{}"), accessor.getMessageHeaders()));
        assertThat(meters.counter("lobby.cluster.bridge.unsent").count()).isEqualTo(1);
        // ... and what comes back from RabbitMQ with this node's id is dropped
        var own = frame("/topic/lobby.chat");
        own.set(NodeBridge.ORIGIN, bridge.nodeId());
        bridge.inbound(own, json("{}"));
        assertThat(delivered).isEmpty();
    }

    @Test
    void messagesThatCameFromRabbitMqAreNotSentBack() {
        var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        accessor.setDestination("/topic/lobby/chat");
        accessor.setHeader(NodeBridge.BRIDGED, Boolean.TRUE);
        bridge.outbound(MessageBuilder.createMessage(json("{}"), accessor.getMessageHeaders()));
        assertThat(meters.counter("lobby.cluster.bridge.unsent").count()).isZero();
    }

    @Test
    void aBundlesLinesReachThisNodesBrokerInOrderAsSingleFramesWould() {
        var w = new Bundle.Writer(64);
        w.add("/topic/rooms/r1", "application/json".getBytes(StandardCharsets.US_ASCII), json("{\"type\":\"JOINED\"}"));
        w.add("/topic/rooms/r1/chat", "application/json".getBytes(StandardCharsets.US_ASCII), json("{\"text\":\"hi\"}"));
        w.add("/user/p1/queue/match", new byte[0], json("{}"));
        bridge.inbound(frame(NodeBridge.BUNDLE_TOPIC), w.finish());
        assertThat(delivered).extracting(m -> SimpMessageHeaderAccessor.getDestination(m.getHeaders()))
                .containsExactly("/topic/rooms/r1", "/topic/rooms/r1/chat", "/user/p1/queue/match");
        assertThat(delivered).allSatisfy(m -> assertThat(m.getHeaders()).containsKey(NodeBridge.BRIDGED));
        assertThat(delivered.get(1).getHeaders().get(org.springframework.messaging.MessageHeaders.CONTENT_TYPE).toString()).isEqualTo("application/json");
    }

    /** Attack: a bundle published on RabbitMQ that aims lines at the lobby's app or internal destinations. */
    @Test
    void aBundlesLinesForAnythingButTopicsAndUsersAreDropped() {
        var w = new Bundle.Writer(64);
        w.add("/app/rooms/r1/chat", new byte[0], json("{}"));
        w.add("/queue/match-user1", new byte[0], json("{}"));
        bridge.inbound(frame(NodeBridge.BUNDLE_TOPIC), w.finish());
        assertThat(delivered).isEmpty();
    }

    /** Attack: a malformed bundle (truncated here) on RabbitMQ: dropped whole and counted, none of its lines delivered. */
    @Test
    void aMalformedBundleIsDroppedWholeAndCounted() {
        var w = new Bundle.Writer(64);
        w.add("/topic/lobby/chat", new byte[0], json("{\"text\":\"one\"}"));
        w.add("/topic/lobby/chat", new byte[0], json("{\"text\":\"two\"}"));
        byte[] whole = w.finish();
        bridge.inbound(frame(NodeBridge.BUNDLE_TOPIC), java.util.Arrays.copyOf(whole, whole.length - 3));
        assertThat(delivered).isEmpty();
        assertThat(meters.counter("lobby.cluster.bundles.dropped").count()).isEqualTo(1);
    }

    @Test
    void aNodesOwnBundleIsNotDeliveredTwice() {
        var w = new Bundle.Writer(64);
        w.add("/topic/lobby/chat", new byte[0], json("{}"));
        var own = frame(NodeBridge.BUNDLE_TOPIC);
        own.set(NodeBridge.ORIGIN, bridge.nodeId());
        bridge.inbound(own, w.finish());
        assertThat(delivered).isEmpty();
    }

    /** Attack: a bundle line with a content type no parser takes, meant to throw on the connection's I/O thread. */
    @Test
    void aLineWithAnInvalidContentTypeIsDroppedAndTheOthersDelivered() {
        var w = new Bundle.Writer(64);
        w.add("/topic/lobby/chat", "not a type;;".getBytes(StandardCharsets.US_ASCII), json("{}"));
        w.add("/topic/lobby/chat", "application/json".getBytes(StandardCharsets.US_ASCII), json("{}"));
        bridge.inbound(frame(NodeBridge.BUNDLE_TOPIC), w.finish());
        assertThat(delivered).hasSize(1);
        assertThat(meters.counter("lobby.cluster.bundles.dropped").count()).isEqualTo(1);
    }
}
