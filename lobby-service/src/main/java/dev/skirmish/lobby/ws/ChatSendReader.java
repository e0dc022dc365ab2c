package dev.skirmish.lobby.ws;

import dev.skirmish.lobby.ws.ChatStompController.ChatSend;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a chat {@code SEND} body with one reader built at start-up from the lobby's JSON mapper (the one Spring's
 * STOMP message converter is given), instead of {@code @Payload}'s road: the converter chain asked each converter
 * whether it takes the message, resolved the target type and looked up a validator on every line (about 60 of a warm
 * profile's 490 inbound samples, docs/benchmarks.md). It takes what that road took and refuses what it refused, with
 * the same error frame ({@code INVALID_MESSAGE}, from the controller's handler): a body with no content type or a
 * JSON one ({@code application/json}, {@code application/*+json}), never an empty body nor the JSON {@code null}.
 * The size bound is the transport's, before this runs, unchanged.
 */
@Component
class ChatSendReader {
    private static final MimeType JSON_PLUS = new MimeType("application", "*+json");

    private final ObjectReader reader;

    ChatSendReader(JsonMapper json) {
        this.reader = json.readerFor(ChatSend.class);
    }

    ChatSend read(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] body) || body.length == 0) {
            throw new MessageConversionException(message, "the chat SEND has no body");
        }
        MimeType type = contentType(message.getHeaders());
        if (type != null && !MimeTypeUtils.APPLICATION_JSON.isCompatibleWith(type) && !JSON_PLUS.isCompatibleWith(type)) {
            throw new MessageConversionException(message, "the chat SEND's content-type is not JSON: " + type);
        }
        ChatSend send;
        try {
            Charset charset = type == null ? null : type.getCharset();
            send = charset == null || charset.equals(StandardCharsets.UTF_8) ? reader.readValue(body) : reader.readValue(new String(body, charset));
        } catch (JacksonException e) {
            throw new MessageConversionException(message, "the chat SEND is not JSON {\"text\": ...}", e);
        }
        if (send == null) throw new MessageConversionException(message, "the chat SEND is JSON null");
        return send;
    }

    private static MimeType contentType(MessageHeaders headers) {
        Object value = headers.get(MessageHeaders.CONTENT_TYPE);
        if (value == null) return null;
        if (value instanceof MimeType mime) return mime;
        try {
            return MimeTypeUtils.parseMimeType(value.toString());
        } catch (RuntimeException e) {
            throw new MessageConversionException("the chat SEND's content-type is not a media type", e);
        }
    }
}
