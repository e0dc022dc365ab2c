package dev.skirmish.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Where TCP sockets listen on a port, as the Linux kernel lists them in /proc/net/tcp and /proc/net/tcp6. */
final class Listening {
    private static final String LISTEN = "0A";

    private Listening() {
    }

    static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Local addresses of the listening sockets on {@code port}; a v4-mapped IPv6 address comes back as IPv4. */
    static List<InetAddress> on(int port) throws IOException {
        List<InetAddress> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) continue;
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
                    out.add(address(local[0]));
                }
            }
        }
        return out;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int w = 0; w < raw.length; w += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[w + i];
                raw[w + i] = raw[w + 3 - i];
                raw[w + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(raw);
    }
}
