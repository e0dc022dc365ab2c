package dev.skirmish.lobby.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, so the request line reaches the server exactly as written: no client normalises,
 * decodes or re-encodes the path the way an attacker's hand-made request would not either.
 */
public final class RawHttp {
    public record Reply(int status, String headers, String body) {
        public JsonNode json() {
            return Http.JSON.readTree(body);
        }
    }

    private RawHttp() {
    }

    public static Reply send(int port, String method, String rawPath, String bearer, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                + (json == null ? "" : "Content-Type: application/json\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String all = readAll(socket.getInputStream());
            int split = all.indexOf("\r\n\r\n");
            String headers = split < 0 ? all : all.substring(0, split);
            String rest = split < 0 ? "" : all.substring(split + 4);
            int status = Integer.parseInt(headers.substring(9, 12));
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) rest = dechunk(rest);
            return new Reply(status, headers, rest);
        } catch (IOException e) {
            throw new AssertionError(method + " " + rawPath + ": " + e, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String dechunk(String s) {
        var out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (size == 0) break;
            out.append(s, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
