package dev.skirmish.lobby.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A STOMP client on a bare socket (hand-written WebSocket framing) that can stop reading: the slow consumer the
 * lobby's send-buffer and send-time limits exist for. Its receive buffer is made small before connecting.
 */
public final class RawStompSocket implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    public RawStompSocket(int port, String token) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = readHttpHead();
        if (!response.startsWith("HTTP/1.1 101")) throw new IOException("no WebSocket upgrade: " + response);
        send("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0");
        String connected = readFrame();
        if (!connected.startsWith("CONNECTED")) throw new IOException("not connected: " + connected);
    }

    public void subscribe(String id, String destination) throws IOException {
        send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\0");
    }

    /** Sends one STOMP frame as written (the caller escapes, or deliberately does not). */
    public void send(String frame) throws IOException {
        sendFrame(0x81, frame.getBytes(StandardCharsets.UTF_8)); // FIN + text
    }

    /** Sends one STOMP frame as a WebSocket message in {@code pieces} fragments (text, then continuations). */
    public void sendFragmented(String frame, int pieces) throws IOException {
        byte[] all = frame.getBytes(StandardCharsets.UTF_8);
        int step = (all.length + pieces - 1) / pieces;
        for (int from = 0, k = 0; from < all.length; from += step, k++) {
            boolean last = from + step >= all.length;
            sendFrame((last ? 0x80 : 0) | (k == 0 ? 0x1 : 0x0), java.util.Arrays.copyOfRange(all, from, Math.min(all.length, from + step)));
        }
    }

    /** The first fragment of a text message (FIN clear), for a test that holds the rest back. */
    public void sendFirstFragment(String piece) throws IOException {
        sendFrame(0x01, piece.getBytes(StandardCharsets.UTF_8));
    }

    /** The last fragment (a continuation with FIN) of the message {@link #sendFirstFragment} began. */
    public void sendLastFragment(String piece) throws IOException {
        sendFrame(0x80, piece.getBytes(StandardCharsets.UTF_8));
    }

    /** One WebSocket frame as given: its first byte (FIN, RSV, opcode) and payload, masked as a client must. */
    public void sendWebSocketFrame(int firstByte, byte[] payload) throws IOException {
        sendFrame(firstByte, payload);
    }

    /** The next WebSocket frame whatever its type, close frames included. */
    public WebSocketFrame readWebSocketFrame() throws IOException {
        int first = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) len = in.readUnsignedShort();
        else if (len == 127) len = (int) in.readLong();
        return new WebSocketFrame(first & 0x0f, (first & 0x80) != 0, in.readNBytes(len));
    }

    public record WebSocketFrame(int opcode, boolean fin, byte[] payload) {
    }

    /** Sends a binary WebSocket message of this many bytes. */
    public void sendBinary(byte[] payload) throws IOException {
        sendFrame(0x82, payload);
    }

    /** Reads until the server's close frame: its status code, or -1 when the socket ends without one. */
    public int readUntilClosed(java.util.List<String> framesBefore) throws IOException {
        while (true) {
            int first;
            try {
                first = in.readUnsignedByte();
            } catch (java.io.EOFException | java.net.SocketException e) {
                return -1;
            }
            int len = in.readUnsignedByte() & 0x7f;
            if (len == 126) len = in.readUnsignedShort();
            else if (len == 127) len = (int) in.readLong();
            byte[] payload = in.readNBytes(len);
            if ((first & 0x0f) == 0x8) return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            framesBefore.add(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private void sendFrame(int firstByte, byte[] payload) throws IOException {
        var b = new ByteArrayOutputStream();
        b.write(firstByte);
        if (payload.length < 126) {
            b.write(0x80 | payload.length);
        } else {
            b.write(0x80 | 126);
            b.write(payload.length >> 8);
            b.write(payload.length & 0xff);
        }
        byte[] mask = {0x1b, 0x2c, 0x3d, 0x4e}; // clients must mask; any key will do
        b.write(mask);
        for (int i = 0; i < payload.length; i++) b.write(payload[i] ^ mask[i % 4]);
        out.write(b.toByteArray());
        out.flush();
    }

    /** The next WebSocket frame's text (a STOMP frame, or a heart-beat's newline). */
    public String readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) len = in.readUnsignedShort();
        else if (len == 127) len = (int) in.readLong();
        byte[] payload = in.readNBytes(len);
        if ((first & 0x0f) == 0x8) throw new IOException("closed by the server");
        return new String(payload, StandardCharsets.UTF_8);
    }

    private String readHttpHead() throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.readUnsignedByte());
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
