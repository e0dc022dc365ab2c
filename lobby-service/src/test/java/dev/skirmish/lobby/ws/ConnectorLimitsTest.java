package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.support.IntegrationTestBase;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * until one closes, so the flood holds at most that many. Also: the listening socket's accept queue is the setting's,
 * and no thread waits in accept: the selector accepts ({@code server.jetty.threads.acceptors: 0}), and the cap above
 * holds with it.
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

    /**
     * Issue 19 (session 23): Jetty's acceptor was a virtual thread parked in accept on the JDK's poller, unparked for
     * every connection; with no acceptor the selector accepts. A thread dump with the virtual threads (JSON) names no
     * acceptor and shows no thread in a server socket's accept.
     */
    @Test
    void noThreadWaitsInAcceptTheSelectorAccepts() throws Exception {
        var server = ((JettyWebServer) context.getWebServer()).getServer();
        assertThat(server.getConnectors()).isNotEmpty().allSatisfy(c -> assertThat(((ServerConnector) c).getAcceptors()).isZero());
        Path dump = Files.createTempDirectory("threads").resolve("threads.json");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String threads = Files.readString(dump);
            assertThat(threads).as("the dump lists the virtual threads").contains("\"virtual\": true");
            assertThat(threads).doesNotContain("-acceptor-").doesNotContain("ServerSocketChannelImpl.accept");
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
        try (var s = new Socket()) { // and a connection is still accepted and answered
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(healthRequest());
            assertThat(readStatus(s)).startsWith("HTTP/1.1 200");
        }
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
