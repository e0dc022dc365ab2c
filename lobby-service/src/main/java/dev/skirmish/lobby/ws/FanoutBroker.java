package dev.skirmish.lobby.ws;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.util.MultiValueMap;

/**
 * Spring's simple broker with a shorter road for {@code /topic} messages (room chat, room events, the room list,
 * lobby chat): the message is turned into its STOMP frame once ({@link StompFrames}) and each subscriber's copy,
 * with only its {@code subscription} and {@code message-id}, is queued straight on its connection's
 * {@link SessionOutbox}. Spring's road built, per subscriber, a header map, a message, a task on the outbound
 * channel's executor (a virtual thread each), a STOMP header accessor, the encoded bytes and a string decoded from
 * them. Subscriptions, selectors, heartbeats, {@code /user} and {@code /queue} destinations, and every other frame
 * stay Spring's. The outbound channel's interceptors do not see these deliveries: the one that matters,
 * {@link RoomTopicFilter}, is asked here. The cluster profile has no simple broker (the RabbitMQ relay delivers)
 * and keeps Spring's road.
 */
class FanoutBroker extends SimpleBrokerMessageHandler {
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    private final Outboxes outboxes;
    private final RoomTopicFilter members;

    /** A broker configured as {@code spring}, Spring's own (its subscriptions, heartbeats and settings). */
    FanoutBroker(SimpleBrokerMessageHandler spring, Outboxes outboxes, RoomTopicFilter members, ApplicationEventPublisher events) {
        super(spring.getClientInboundChannel(), spring.getClientOutboundChannel(), spring.getBrokerChannel(), spring.getDestinationPrefixes());
        this.outboxes = outboxes;
        this.members = members;
        setSubscriptionRegistry(spring.getSubscriptionRegistry());
        if (spring.getTaskScheduler() != null) setTaskScheduler(spring.getTaskScheduler());
        if (spring.getHeartbeatValue() != null) setHeartbeatValue(spring.getHeartbeatValue());
        if (spring.getHeaderInitializer() != null) setHeaderInitializer(spring.getHeaderInitializer());
        setPreservePublishOrder(spring.isPreservePublishOrder());
        setAutoStartup(spring.isAutoStartup());
        setPhase(spring.getPhase());
        setUserDestinationPredicate(d -> d.startsWith("/user/"));
        setApplicationEventPublisher(events);
    }

    @Override
    protected void sendMessageToSubscribers(String destination, Message<?> message) {
        if (destination == null || !destination.startsWith("/topic/") || !(message.getPayload() instanceof byte[] body) || hasNativeHeaders(message.getHeaders())) {
            super.sendMessageToSubscribers(destination, message);
            return;
        }
        MultiValueMap<String, String> subscriptions = getSubscriptionRegistry().findSubscriptions(message);
        if (subscriptions.isEmpty()) return;
        Object contentType = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
        var frame = StompFrames.of(destination, contentType == null ? null : contentType.toString(), body);
        var allowed = members.deliversTo(destination);
        for (var entry : subscriptions.entrySet()) {
            String sessionId = entry.getKey();
            SessionOutbox outbox = outboxes.of(sessionId);
            if (outbox == null || !allowed.test(sessionId)) continue;
            for (String subscriptionId : entry.getValue()) outbox.send(frame.to(subscriptionId, MESSAGE_IDS.getAndIncrement()));
        }
    }

    private static boolean hasNativeHeaders(MessageHeaders headers) {
        Object nativeHeaders = headers.get(NativeMessageHeaderAccessor.NATIVE_HEADERS);
        return nativeHeaders instanceof java.util.Map<?, ?> m && !m.isEmpty();
    }
}
