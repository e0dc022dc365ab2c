package dev.skirmish.lobby.ws;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/** ERROR frames carry the refusal's own words in the {@code message} header and body, never a stack trace. */
class StompErrors extends StompSubProtocolErrorHandler {
    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        String why = "request refused";
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof StompGuard.Refusal r) {
                why = r.getMessage();
                break;
            }
        }
        var acc = StompHeaderAccessor.create(StompCommand.ERROR);
        acc.setMessage(why);
        acc.setLeaveMutable(true);
        return MessageBuilder.createMessage(why.getBytes(java.nio.charset.StandardCharsets.UTF_8), acc.getMessageHeaders());
    }
}
