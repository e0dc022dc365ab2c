package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Attack: a flood of connections that send nothing (or half a request) to take every file descriptor and thread of
 * the lobby. Beyond {@code server.jetty.max-connections} (8192 in application.yml; 4 here) Jetty stops accepting
 * until one closes, so the flood holds at most that many. Also: the listening socket's accept queue is the setting's.
 */
@TestPropertySource(properties = {"server.jetty.max-connections=4", "skirmish.lobby.accept-queue=777"})
class ConnectorLimitsTest extends IntegrationTestBase {
    @Autowired
    WebServerApplicationContext context;

    @Test
    void connectionsBeyondTheCapWaitUntilOneCloses() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                var s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never ends
                flood.add(s);
            }
            Thread.sleep(500); // Jetty has accepted the four and paused its acceptor
            try (var late = new Socket()) {
                late.connect(new InetSocketAddress("127.0.0.1", port), 2000); // the kernel's queue takes it
                late.setSoTimeout(1500);
                late.getOutputStream().write(healthRequest());
                assertThat(readStatus(late)).as("answered while the cap is full").isNull();

                for (var s : flood) s.close();
                flood.clear();
                late.setSoTimeout(10_000);
                assertThat(readStatus(late)).as("answered once the flood closed").startsWith("HTTP/1.1 200");
            }
        } finally {
            for (var s : flood) s.close();
        }
    }

    @Test
    void theListeningSocketKeepsTheConfiguredAcceptQueue() {
        var server = ((JettyWebServer) context.getWebServer()).getServer();
        assertThat(server.getConnectors()).isNotEmpty().allSatisfy(c ->
                assertThat(((ServerConnector) c).getAcceptQueueSize()).isEqualTo(777));
    }

    private static byte[] healthRequest() {
        return "GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** The status line, or null when nothing arrives within the socket's timeout. */
    private static String readStatus(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        var line = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') line.append((char) b);
        } catch (SocketTimeoutException e) {
            return line.isEmpty() ? null : line.toString();
        }
        return line.toString().trim();
    }
}
