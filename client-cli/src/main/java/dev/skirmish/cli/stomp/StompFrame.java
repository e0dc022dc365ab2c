package dev.skirmish.cli.stomp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One STOMP 1.2 frame: command, headers, body. {@link #encode} and {@link #decode} follow the spec's header escaping
 * ({@code \\ \n \c \r}) for every frame but CONNECT/CONNECTED, and honour {@code content-length}.
 */
public record StompFrame(String command, Map<String, String> headers, String body) {
    /** A frame bigger than this is refused rather than buffered (the lobby's own limit is 16 KiB). */
    public static final int MAX_FRAME_CHARS = 64 * 1024;

    public StompFrame {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    public static StompFrame of(String command, String... keyValues) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            h.put(keyValues[i], keyValues[i + 1]);
        }
        return new StompFrame(command, h, "");
    }

    public StompFrame withBody(String contentType, String text) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("content-type", contentType);
        h.put("content-length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
        return new StompFrame(command, h, text);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String encode() {
        boolean escape = !command.equals("CONNECT") && !command.equals("CONNECTED");
        StringBuilder sb = new StringBuilder(command).append('\n');
        headers.forEach((k, v) -> sb.append(escape ? esc(k) : k).append(':').append(escape ? esc(v) : v).append('\n'));
        return sb.append('\n').append(body).append('\0').toString();
    }

    /** Decodes one frame (without heartbeat newlines before it); {@link IllegalArgumentException} if malformed. */
    public static StompFrame decode(String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            throw new IllegalArgumentException("STOMP frame of " + text.length() + " chars is too big");
        }
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i++;
        }
        int headerEnd = text.indexOf("\n\n", i);
        int crlfEnd = text.indexOf("\r\n\r\n", i);
        int sepLen = 2;
        if (crlfEnd >= 0 && (headerEnd < 0 || crlfEnd < headerEnd)) {
            headerEnd = crlfEnd;
            sepLen = 4;
        }
        if (headerEnd < 0) {
            throw new IllegalArgumentException("STOMP frame without a blank line after the headers");
        }
        String[] lines = text.substring(i, headerEnd).split("\r?\n");
        String command = lines[0].strip();
        boolean escaped = !command.equals("CONNECT") && !command.equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int l = 1; l < lines.length; l++) {
            int colon = lines[l].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("bad STOMP header line: " + lines[l]);
            }
            String k = lines[l].substring(0, colon);
            String v = lines[l].substring(colon + 1);
            // the first occurrence of a repeated header wins (STOMP 1.2)
            headers.putIfAbsent(escaped ? unesc(k) : k, escaped ? unesc(v) : v);
        }
        String rest = text.substring(headerEnd + sepLen);
        String body;
        String len = headers.get("content-length");
        if (len != null) {
            byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
            int n = Integer.parseInt(len.strip());
            if (n < 0 || n > bytes.length) {
                throw new IllegalArgumentException("content-length " + n + " but " + bytes.length + " bytes follow");
            }
            body = new String(bytes, 0, n, StandardCharsets.UTF_8);
        } else {
            int nul = rest.indexOf('\0');
            body = nul < 0 ? rest : rest.substring(0, nul);
        }
        return new StompFrame(command, headers, body);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\c").replace("\r", "\\r");
    }

    private static String unesc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 'c' -> ':';
                    case 'r' -> '\r';
                    case '\\' -> '\\';
                    default -> throw new IllegalArgumentException("undefined STOMP escape \\" + n);
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
