package dev.skirmish.lobby.limits;

import dev.skirmish.lobby.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack: an unauthenticated {@code POST /api/players/guest} whose {@code name} is 20 million characters, parsed into
 * memory before the name is ever validated; and the same without a Content-Length (chunked).
 */
class HugeNameTest extends LimitedLobbyTestBase {
    private static final int TWENTY_MB = 20 * 1024 * 1024;
    private static final byte[] CHUNKED_HEAD = ("POST /api/players/guest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void aTwentyMegabyteNameIsRefusedWith413BeforeItIsReadAndTheLobbyStaysHealthy() throws Exception {
        String head = "POST /api/players/guest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + (TWENTY_MB + 11) + "\r\n\r\n{\"name\":\"";
        // only the start of the body is ever sent: the answer must come without the lobby waiting for the rest
        String reply = exchange(head.getBytes(StandardCharsets.US_ASCII), "a".repeat(1000).getBytes(StandardCharsets.US_ASCII), 1);
        assertThat(reply).startsWith("HTTP/1.1 413").contains("\"code\":\"BODY_TOO_LARGE\"");
        healthy();
    }

    @Test
    void aChunkedTwentyMegabyteNameIsCutOffByTheStringLimit() throws Exception {
        // the JSON opening, then chunks of 'a' well past 64 KiB (a real attacker would go on to 20 MB)
        String reply = exchange(concat(CHUNKED_HEAD, chunk("{\"name\":\"")), chunk("a".repeat(16 * 1024)), 16);
        assertThat(reply).startsWith("HTTP/1.1 400").contains("\"code\":\"JSON_TOO_LARGE\"");
        healthy();
    }

    @Test
    void aChunkedBodyOver64KiBIsCutOffAtTheLimitWith413() throws Exception {
        // no string to trip the parser's limit: 256 KiB of blanks inside the object, sent without a Content-Length
        String reply = exchange(concat(CHUNKED_HEAD, chunk("{")), chunk(" ".repeat(16 * 1024)), 16);
        assertThat(reply).startsWith("HTTP/1.1 413").contains("\"code\":\"BODY_TOO_LARGE\"");
        healthy();
    }

    @Test
    void aLongStringInsideTheBodyLimitIsRefusedByTheJsonParserWithACode() throws Exception {
        var http = new Http(port, "127.0.0.78");
        var r = http.post("/api/players/guest", null, "{\"name\":\"" + "b".repeat(20_000) + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("code").asString()).isEqualTo("JSON_TOO_LARGE");

        var huge = http.post("/api/players/guest", null, "{\"name\":\"" + "b".repeat(100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body().get("code").asString()).isEqualTo("BODY_TOO_LARGE");

        var deep = http.post("/api/players/guest", null, "{\"name\":\"deep\",\"x\":" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1001));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.body().get("code").asString()).isEqualTo("JSON_TOO_LARGE");
    }

    /** The lobby answers its probe and signs up the next guest. */
    private void healthy() {
        var http = new Http(port, "127.0.0.79");
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.guest(name("after")).get("token").asString()).isNotBlank();
    }

    /** Sends head, then body up to {@code times} times (stopping if the lobby closes), and reads the answer. */
    private String exchange(byte[] head, byte[] body, int times) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            try {
                for (int i = 0; i < times; i++) out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // the lobby answered and closed before taking everything: what it should do
            }
            InputStream in = socket.getInputStream();
            var got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    if (got.toString(StandardCharsets.UTF_8).contains("}")) break;
                }
            } catch (IOException reset) {
                // a reset after the answer was read is fine
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        return concat((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), concat(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
