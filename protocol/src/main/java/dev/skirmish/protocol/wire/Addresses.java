package dev.skirmish.protocol.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Socket addresses on the wire: kind u8 (4 = IPv4 + 4 bytes, 6 = IPv6 + 16 bytes, 0 = host name as u8 length +
 * ASCII), then the port as u16.
 */
public final class Addresses {
    private Addresses() {
    }

    public static void write(WireWriter w, InetSocketAddress address) {
        if (address.isUnresolved()) {
            w.u8(0).string(address.getHostString(), 253);
        } else if (address.getAddress() instanceof Inet4Address a) {
            w.u8(4).bytes(a.getAddress());
        } else if (address.getAddress() instanceof Inet6Address a) {
            w.u8(6).bytes(a.getAddress());
        } else {
            throw new IllegalArgumentException("unsupported address " + address);
        }
        w.u16(address.getPort());
    }

    public static InetSocketAddress read(WireReader r) {
        int kind = r.u8();
        try {
            return switch (kind) {
                case 4 -> new InetSocketAddress(InetAddress.getByAddress(r.bytes(4)), r.u16());
                case 6 -> new InetSocketAddress(InetAddress.getByAddress(r.bytes(16)), r.u16());
                case 0 -> InetSocketAddress.createUnresolved(r.string(253), r.u16());
                default -> throw new MalformedPacketException("unknown address kind " + kind);
            };
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new MalformedPacketException("bad address");
        }
    }
}
