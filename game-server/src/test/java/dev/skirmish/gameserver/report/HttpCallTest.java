package dev.skirmish.gameserver.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one HTTP exchange of the orchestrator callbacks and the Agones SDK client, against a real server on loopback.
 * The attack it stops: a hostile or broken peer (a compromised sidecar, a proxy's endless error page) answering
 * without end, which the game server would otherwise buffer until it runs out of memory mid-match.
 */
class HttpCallTest {
    private static final int MAX = 1024;
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", x -> answer(x, 200, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                + " as " + x.getRequestHeaders().getFirst("Content-Type")));
        server.createContext("/huge", x -> answer(x, 200, "x".repeat(MAX * 64)));
        server.createContext("/refused", x -> answer(x, 409, "{\"code\":\"NO\"}"));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aJsonBodyGoesOutAndTheAnswerComesBack() throws IOException {
        HttpURLConnection c = HttpCall.open(url + "/echo", "POST", 3000, 3000);
        HttpCall.Answer a = HttpCall.exchange(c, "{\"a\":1}", MAX, "echo");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("{\"a\":1} as application/json");
    }

    @Test
    void anErrorAnswersBodyIsReadFromItsErrorStream() throws IOException {
        HttpCall.Answer a = HttpCall.exchange(HttpCall.open(url + "/refused", "GET", 3000, 3000), null, MAX, "refused");
        assertThat(a).isEqualTo(new HttpCall.Answer(409, "{\"code\":\"NO\"}"));
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedNotBuffered() throws IOException {
        HttpURLConnection c = HttpCall.open(url + "/huge", "GET", 3000, 3000);
        assertThatThrownBy(() -> HttpCall.exchange(c, null, MAX, "huge")).isInstanceOf(IOException.class)
                .hasMessage("huge answer larger than " + MAX + " bytes");
    }
}
