package dev.skirmish.lobby.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.skirmish.lobby.support.IntegrationTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Issue 19 (session 23): Jetty's acceptor was a virtual thread parked in accept on the JDK's poller, unparked for
 * every connection; with {@code server.jetty.threads.acceptors: 0} the selector accepts. A thread dump with the
 * virtual threads (JSON) names no acceptor and shows no thread in a server socket's accept. The connection cap still
 * holds without the acceptor: {@link ConnectorLimitsTest}. This test lives apart from that one on purpose: its
 * connection, closed by the client, may still count against the cap's context for a few milliseconds, and the cap
 * test's flood would then see one of its four refused (session 23, acceptor27, docs/benchmarks.md).
 */
class NoAcceptorThreadTest extends IntegrationTestBase {
    @Autowired
    WebServerApplicationContext context;

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
            s.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b; (b = in.read()) != -1 && b != '\r'; ) line.append((char) b);
        return line.toString();
    }
}
