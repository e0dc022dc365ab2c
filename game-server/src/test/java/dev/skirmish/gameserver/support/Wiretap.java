package dev.skirmish.gameserver.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP relay on loopback between one client and a game server that records every datagram, as an eavesdropper on
 * the path would see them. The client talks to {@link #address()}; the server sees the relay's server-side socket,
 * bound to {@code serverSideIp}, as the client's address (so a relay on 127.0.0.2 is "the same player from another
 * address").
 */
public final class Wiretap implements AutoCloseable {
    /** One captured datagram; {@code toServer} tells the direction. */
    public record Captured(boolean toServer, byte[] data) {
        public int type() {
            return data[0] & 0xFF;
        }
    }

    public final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final DatagramSocket clientSide;
    private final DatagramSocket serverSide;
    private final InetSocketAddress server;
    private volatile InetSocketAddress client;
    private final Thread up;
    private final Thread down;

    public Wiretap(InetSocketAddress server, String serverSideIp) throws SocketException {
        this.server = server;
        this.clientSide = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.serverSide = new DatagramSocket(new InetSocketAddress(serverSideIp, 0));
        this.up = Thread.ofVirtual().start(() -> relay(clientSide, true));
        this.down = Thread.ofVirtual().start(() -> relay(serverSide, false));
    }

    /** Where the client sends (the "server" as the client sees it). */
    public InetSocketAddress address() {
        return (InetSocketAddress) clientSide.getLocalSocketAddress();
    }

    /** The address the game server sees the client at. */
    public InetSocketAddress serverSideAddress() {
        return (InetSocketAddress) serverSide.getLocalSocketAddress();
    }

    public List<byte[]> of(boolean toServer, int type) {
        return captured.stream().filter(c -> c.toServer() == toServer && c.type() == type).map(Captured::data).toList();
    }

    /** Sends a datagram to the server from the relay's server-side address, as the client there would. */
    public void injectToServer(byte[] data) throws IOException {
        serverSide.send(new DatagramPacket(data, data.length, server));
    }

    private void relay(DatagramSocket from, boolean toServer) {
        byte[] buf = new byte[1500];
        while (!from.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                from.receive(p);
                byte[] data = Arrays.copyOf(buf, p.getLength());
                captured.add(new Captured(toServer, data));
                if (toServer) {
                    client = (InetSocketAddress) p.getSocketAddress();
                    serverSide.send(new DatagramPacket(data, data.length, server));
                } else if (client != null) {
                    clientSide.send(new DatagramPacket(data, data.length, client));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        clientSide.close();
        serverSide.close();
        up.join(1000);
        down.join(1000);
    }
}
