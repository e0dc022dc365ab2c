package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.config.LobbyProperties;
import dev.skirmish.lobby.limits.WsConnectionLimit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.web.context.ServletContextAware;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ImmutableMessageChannelInterceptor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.messaging.access.intercept.AuthorizationChannelInterceptor;
import org.springframework.security.messaging.context.SecurityContextChannelInterceptor;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over plain WebSocket at {@code /ws}, with frame, buffer and send-time limits and 10 s heartbeats. Inbound
 * frames are handled on the thread that read them (in order, per connection) and deliveries on the outbound
 * channel's own virtual-thread executor: left to Boot, both channels would use the
 * only {@code AsyncTaskExecutor} bean, the lobby's two-thread timer pool, where every delivery queued behind
 * 10,000 sessions' heartbeat tasks in one delay queue and a socket write that blocks held up a timer thread.
 * Spring's broker configuration that reads this one is {@link StompBrokerConfiguration} (in place of
 * {@code @EnableWebSocketMessageBroker}).
 */
@Configuration
public class WebSocketConfig implements WebSocketMessageBrokerConfigurer {
    static final int MAX_FRAME_BYTES = 16 * 1024;
    /**
     * The largest whole text message, in bytes: a little above the STOMP frame limit, so a frame between the two gets
     * a STOMP ERROR frame saying why, and a bigger one closes the connection with 1009 (docs/lobby-api.md). Binary
     * messages: 8 KiB (Tomcat's default, kept). {@link CoreSocket} enforces both while it assembles pieces.
     */
    static final int MAX_TEXT_BYTES = 24 * 1024;
    static final int MAX_BINARY_BYTES = 8 * 1024;

    private final StompAuthentication authentication;
    private final StompGuard guard;
    private final StompRefusals refusals;
    private final WsConnectionLimit connectionLimit;
    private final RoomTopicFilter roomTopicFilter;
    private final TaskScheduler scheduler;
    private final LobbyProperties props;
    private final Environment environment;
    // fan-out (issue 19): deflate choice on the handshake, receipts for SUBSCRIBE
    private final StompTransportProperties transport;
    private final SubscribeReceipts receipts;
    private final Outboxes outboxes;
    private final ChatSendShortcut chatSends;
    private final StompJoinTimer joinTimer;

    public WebSocketConfig(StompAuthentication authentication, StompGuard guard, StompRefusals refusals, WsConnectionLimit connectionLimit, RoomTopicFilter roomTopicFilter,
                           TaskScheduler lobbyScheduler, LobbyProperties props, Environment environment, StompTransportProperties transport,
                           SubscribeReceipts receipts, Outboxes outboxes, ObjectProvider<ChatStompController> chat, StompJoinTimer joinTimer) {
        this.outboxes = outboxes;
        this.chatSends = new ChatSendShortcut(chat);
        this.joinTimer = joinTimer;
        this.environment = environment;
        this.authentication = authentication;
        this.guard = guard;
        this.refusals = refusals;
        this.connectionLimit = connectionLimit;
        this.roomTopicFilter = roomTopicFilter;
        this.scheduler = lobbyScheduler;
        this.props = props;
        this.transport = transport;
        this.receipts = receipts;
    }

    /**
     * The outbound channel's executor, a virtual thread per delivery: a delivery whose socket write blocks (a slow
     * client, up to the send-time limit) parks only its own thread, and the carrier threads go on with everyone
     * else's. Ordered publishing ({@code setPreservePublishOrder}) still gives each session its messages one at a
     * time, in order. No delivery needs a thread local of the thread that sent it (the STOMP session and user travel
     * in the message headers), and copying the sender's inheritable thread locals was a visible share of each
     * delivery's cost.
     */
    private static SimpleAsyncTaskExecutor outboundExecutor() {
        return new SimpleAsyncTaskExecutor(Thread.ofVirtual().name("stomp-out-", 0).inheritInheritableThreadLocals(false).factory());
    }

    /**
     * Takes Jetty's unused JSR-356 upgrade filter out of every request's chain ({@link NoUpgradeFilter}); only where
     * there is a Jetty WebSocket container (not in a mock servlet environment, as in service tests).
     */
    @Bean
    static ServletContextAware jettyUpgradeFilterRemoval() {
        return context -> {
            if (context.getAttribute("jakarta.websocket.server.ServerContainer") != null) NoUpgradeFilter.apply(context);
        };
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // game clients are not browsers: any origin may connect, the bearer token is what authenticates
        // Jetty's core WebSocket sessions (CoreUpgrade), not JSR-356 nor Spring's Jetty-API strategy: frames reach
        // Spring's STOMP handler as bytes, whole (CoreSocket), and the outbox writes UTF-8 frames batched to the core
        // session (CoreWebSocketSession)
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*")
                .setHandshakeHandler(new DefaultHandshakeHandler(new CoreUpgrade(transport.wsPermessageDeflate(), MAX_TEXT_BYTES, MAX_BINARY_BYTES)));
        registry.setErrorHandler(refusals);
        // Asked first by the DispatcherServlet (Spring's default is 1, after the actuator's and the controllers'
        // mappings): /ws is one exact path, while those mappings found no direct match for it and tried each of
        // their request mappings in turn, 5.6 % of a STOMP join's samples (issue 19). No other mapping has /ws, so
        // which handler a request gets is unchanged; every other request pays one failed map lookup here.
        registry.setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // one node: deliveries are queued in order on the publishing thread (see the outbound channel below)
        registry.setPreservePublishOrder(cluster());
        // profile cluster: ClusterBroker relays to RabbitMQ instead (two brokers would both deliver every message)
        if (!cluster()) {
            registry.enableSimpleBroker("/topic", "/queue").setHeartbeatValue(new long[] {10_000, 10_000}).setTaskScheduler(scheduler);
        }
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // one node: every frame goes out through the connection's outbox, which the fan-out also writes to
        if (!cluster()) registration.addDecoratorFactory(outboxes::decorate);
        registration.setMessageSizeLimit(MAX_FRAME_BYTES).setSendBufferSizeLimit(Math.toIntExact(props.wsSendBufferLimit().toBytes())).setSendTimeLimit(Math.toIntExact(props.wsSendTimeLimit().toMillis()));
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        // Runs after Boot's configurer (order 0), so this executor replaces the one Boot picked. Inbound frames are
        // handled on the container thread that read them: the container reads one connection's frames one at a
        // time, so a player's frames are handled in the order sent (two chat lines, or a SUBSCRIBE and the SEND
        // after it, never swap), and a refusal of the guard reaches the STOMP handler on the same thread, which
        // answers it with an ERROR frame (StompRefusals hands the reason over in a thread local). (A thread per message reorders them; Spring's preserve-receive-order decorator
        // keeps the order but hands the message on from another thread, and the refusal's ERROR frame is lost.)
        // Nothing on the inbound path blocks: chat is queued for the writer, deliveries go out on the outbound
        // channel's own threads.
        //
        // Security, in order: the CONNECT frame's token becomes the connection's user; Spring Security's context
        // interceptor puts that user in the security context; its authorization interceptor asks the guard about
        // every frame. There is deliberately no CSRF channel interceptor (which @EnableWebSocketSecurity would add):
        // STOMP clients here authenticate with a bearer token in the CONNECT frame, never with a cookie, so a page in
        // a browser cannot ride on anyone's credentials, and game clients have no CSRF token to send.
        var authorization = new AuthorizationChannelInterceptor(guard);
        authorization.setAuthorizationEventPublisher(refusals);
        // the connection limit needs the player that authentication has put on the connection
        // receipts last: it answers only a SUBSCRIBE that every interceptor before it let through; then the headers
        // become immutable; a chat SEND is handled by the last one (ChatSendShortcut) and goes no further (no
        // @MessageMapping road, so nothing after it needs a SEND's headers mutable); the join timer first: its
        // completion runs last, after the receipt has been queued
        registration.interceptors(joinTimer, authentication, new SecurityContextChannelInterceptor(), authorization, connectionLimit, receipts,
                new ImmutableMessageChannelInterceptor(), chatSends).executor(new SyncTaskExecutor());
    }

    /**
     * One node: the outbound channel runs on the publishing thread. Nothing on it waits on a socket any more (each
     * connection's {@link SessionOutbox} queues and hands its frames to the socket without waiting), so a hand-off per delivery
     * and Spring's per-session ordering decorator would only add cost; frames reach each outbox in publish order.
     * Cluster profile: the relay's frames arrive on its network threads, and the CONNECTED frame's event writes
     * presence to the database, so that path keeps its virtual thread per delivery and Spring's send decorator.
     */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(roomTopicFilter).executor(cluster() ? outboundExecutor() : new SyncTaskExecutor());
    }

    /** Profile cluster with Spring's relay (fan-out {@code relay}); fan-out {@code node} keeps this node's own broker. */
    private boolean cluster() {
        return environment.matchesProfiles("cluster") && "relay".equals(environment.getProperty("skirmish.cluster.fanout", "node"));
    }
}
