package dev.skirmish.lobby.ws;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Answers a SUBSCRIBE that carries a {@code receipt} header with a RECEIPT frame once the subscription is live, so a
 * client knows from when on it hears a room. Spring's simple broker answers receipts only for DISCONNECT.
 * <p>
 * Inbound frames are handled on the thread that read them ({@link WebSocketConfig}), so when the inbound channel's
 * send returns, the broker (and, for {@code /user/...}, the user destination handler before it) has registered the
 * subscription: a message published after the client reads the RECEIPT reaches it. A refused SUBSCRIBE throws in
 * an earlier interceptor and gets an ERROR frame, never a receipt. The RECEIPT goes out on the outbound channel, in
 * order with the connection's other frames. With an external broker relay the broker itself answers receipts, so
 * this only acts on the simple broker.
 * <p>
 * The outbound channel is looked up on the first receipt, not injected as a {@code @Lazy} proxy (the channel is made by
 * the same configuration that takes this interceptor): every call through that proxy went through Spring AOP's
 * reflective dispatch, ~2 % of a SUBSCRIBE's samples (issue 19).
 */
@Component
public class SubscribeReceipts implements ChannelInterceptor {
    private final ObjectProvider<MessageChannel> outboundChannel;
    private final ObjectProvider<SimpleBrokerMessageHandler> simpleBroker;
    private volatile Boolean simple;
    private volatile MessageChannel outbound;

    public SubscribeReceipts(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> outboundChannel,
                             ObjectProvider<SimpleBrokerMessageHandler> simpleBroker) {
        this.outboundChannel = outboundChannel;
        this.simpleBroker = simpleBroker;
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        if (!sent || ex != null) return;
        var in = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (in == null || in.getCommand() != StompCommand.SUBSCRIBE) return;
        String receipt = in.getReceipt();
        if (receipt == null || !simpleBroker()) return;
        var out = StompHeaderAccessor.create(StompCommand.RECEIPT);
        out.setReceiptId(receipt);
        out.setSessionId(in.getSessionId());
        out.setSessionAttributes(in.getSessionAttributes());
        outbound().send(MessageBuilder.createMessage(new byte[0], out.getMessageHeaders()));
    }

    private MessageChannel outbound() {
        MessageChannel c = outbound;
        if (c == null) outbound = c = outboundChannel.getObject();
        return c;
    }

    private boolean simpleBroker() {
        Boolean s = simple;
        if (s == null) simple = s = simpleBroker.getIfAvailable() != null;
        return s;
    }
}
