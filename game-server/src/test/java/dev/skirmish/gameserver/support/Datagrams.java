package dev.skirmish.gameserver.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** For tests that play an attacker on a plain socket: whether the server answered it at all. */
public final class Datagrams {
    private Datagrams() {
    }

    /** Whether any datagram reaches {@code socket} within {@code wait} (its read timeout is set to it). */
    public static boolean anyReply(DatagramSocket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
