package dev.skirmish.lobby.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands a stored line to the broker as the JSON bytes of its {@link ChatMessage}, written by one writer built at
 * start-up from the lobby's JSON mapper (the one Spring's STOMP message converter is given, so the bytes are the
 * ones {@code convertAndSend} produced). {@code convertAndSend} asked each converter of the chain whether it takes a
 * {@code ChatMessage} and built a header accessor twice on every line; the broker (the fan-out's or the relay's) needs
 * only the bytes, the content type and the destination.
 */
final class ChatPublisher {
    private final SimpMessageSendingOperations broker;
    private final ObjectWriter json;

    ChatPublisher(SimpMessageSendingOperations broker, JsonMapper mapper) {
        this.broker = broker;
        this.json = mapper.writerFor(ChatMessage.class);
    }

    static String destination(ChatMessage m) {
        return ChatService.LOBBY.equals(m.channel()) ? "/topic/lobby/chat" : "/topic/rooms/" + m.channel() + "/chat";
    }

    void publish(ChatMessage m) {
        broker.send(destination(m), message(m));
    }

    Message<byte[]> message(ChatMessage m) {
        var headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        // left mutable: the template sets the destination on these very headers instead of copying them
        headers.setLeaveMutable(true);
        return MessageBuilder.createMessage(json.writeValueAsBytes(m), headers.getMessageHeaders());
    }
}
