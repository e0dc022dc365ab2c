package dev.skirmish.lobby.ws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * The lobby's own time for the two frames of a STOMP join (issue 19): a CONNECT (token check, session, CONNECTED
 * queued) and a SUBSCRIBE (the guard, the broker's registration, the RECEIPT queued), from the inbound channel's send
 * to its completion, on the thread that read the frame ({@link WebSocketConfig}: the inbound channel is synchronous).
 * Timer {@code lobby.stomp.frames}, tag {@code command}, a histogram as {@code http.server.requests} is for the REST
 * joins: with the WebSocket upgrade's {@code GET /ws} there it is the lobby's side of a STOMP join. Refused frames and
 * every other command (the chat {@code SEND} path) are not timed.
 */
@Component
public class StompJoinTimer implements ChannelInterceptor {
    /** Set on the frame's own (still mutable) headers; nothing downstream reads it. */
    private static final String STARTED = "lobby.frameStartedNanos";

    private final Timer connect;
    private final Timer subscribe;

    public StompJoinTimer(MeterRegistry meters) {
        this.connect = timer(meters, "CONNECT");
        this.subscribe = timer(meters, "SUBSCRIBE");
    }

    private static Timer timer(MeterRegistry meters, String command) {
        return JoinTimers.register(meters, "lobby.stomp.frames",
                "STOMP CONNECT and SUBSCRIBE frames handled (the lobby's side of a STOMP join)", "command", command);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (acc != null && acc.isMutable() && timerOf(acc.getCommand()) != null) acc.setHeader(STARTED, System.nanoTime());
        return message;
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        if (!sent || ex != null) return;
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        Timer timer = acc == null ? null : timerOf(acc.getCommand());
        if (timer != null && acc.getHeader(STARTED) instanceof Long started) timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private Timer timerOf(StompCommand command) {
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) return connect;
        return command == StompCommand.SUBSCRIBE ? subscribe : null;
    }
}
