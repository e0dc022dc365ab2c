package dev.skirmish.lobby.ws;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@link StompGuard} denial into one WARN line and an ERROR frame that says why. Spring Security's
 * AuthorizationChannelInterceptor hands each decision to this publisher and then throws a bare "Access Denied";
 * the STOMP handler passes that exception to this error handler on the same thread (the inbound channel runs on the
 * thread that read the frame), so the decision is kept in a thread local in between. The ERROR frame has the
 * reason in its {@code message} header, the code in a {@code code} header and both as a JSON body
 * {@code {"code","message"}}. Any other error keeps Spring's handling.
 */
@Component
public class StompRefusals extends StompSubProtocolErrorHandler implements AuthorizationEventPublisher {
    // the guard's logger: operators know these lines by it
    private static final Logger log = LoggerFactory.getLogger(StompGuard.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ThreadLocal<StompGuard.Decision> DENIED = new ThreadLocal<>();

    @Override
    public <T> void publishAuthorizationEvent(Supplier<Authentication> authentication, T object, AuthorizationResult result) {
        if (!(result instanceof StompGuard.Decision denied) || !(object instanceof Message<?> message)) return;
        StompHeaderAccessor acc = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        String playerId = acc != null && acc.getUser() != null ? acc.getUser().getName() : "-";
        log.warn("STOMP {} refused (session {}, player {}): {}", acc == null || acc.getCommand() == null ? "HEARTBEAT" : acc.getCommand(),
                acc == null ? "?" : acc.getSessionId(), playerId, denied.reason());
        StompRefusalLogFilter.refused(denied.reason());
        DENIED.set(denied);
    }

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        StompGuard.Decision denied = DENIED.get();
        DENIED.remove();
        StompRefusalLogFilter.handled();
        if (denied == null || !deniedAccess(ex)) return super.handleClientMessageProcessingError(clientMessage, ex);
        StompHeaderAccessor client = clientMessage == null ? null : MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
        return errorFrame(denied.code(), denied.reason(), null, client == null ? null : client.getReceipt());
    }

    /** An ERROR frame; with a session id it can be sent down the outbound channel to close that connection. */
    static Message<byte[]> errorFrame(String code, String reason, String sessionId, String receiptId) {
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(reason);
        error.setNativeHeader("code", code);
        error.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (receiptId != null) error.setReceiptId(receiptId);
        if (sessionId != null) error.setSessionId(sessionId);
        error.setLeaveMutable(true);
        byte[] body = JSON.writeValueAsString(java.util.Map.of("code", code, "message", reason)).getBytes(StandardCharsets.UTF_8);
        return MessageBuilder.createMessage(body, error.getMessageHeaders());
    }

    private static boolean deniedAccess(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) return true;
        }
        return false;
    }
}
