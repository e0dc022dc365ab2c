package dev.skirmish.lobby.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy to one target whose open connections a test can cut at once (as a broker restart or a network
 * blip would) while it goes on accepting new ones, and whose client-to-target direction a test can slow down (a
 * distant broker). Two virtual threads per connection copy the bytes.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetAddress targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long delayMillis;

    CuttableProxy(InetAddress targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Holds every chunk from client to target this long before passing it on (0: at once). */
    void delay(java.time.Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Closes every open connection (both sides); new connections are still accepted. */
    void cut() {
        for (Socket s : open) close(s);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(targetHost, targetPort);
                accepted.incrementAndGet();
                open.add(client);
                open.add(target);
                Thread.ofVirtual().start(() -> copy(client, target, true));
                Thread.ofVirtual().start(() -> copy(target, client, false));
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private void copy(Socket from, Socket to, boolean delayed) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                long d = delayed ? delayMillis : 0;
                if (d > 0) Thread.sleep(d); // latency, not a wait for a condition
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // cut or closed by either side
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
