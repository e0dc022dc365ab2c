package dev.skirmish.orchestrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sockets a process holds, from Linux's /proc: "udp:PORT" for a bound UDP socket, "tcp-listen:PORT" for a
 * listening TCP one (client connections are left out: they are no way in).
 */
final class ProcSockets {
    private ProcSockets() {
    }

    static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // an fd closed while we listed
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : new String[] {"udp", "udp6", "tcp", "tcp6"}) {
            Path p = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !inodes.contains(f[9])) {
                    continue;
                }
                int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (table.startsWith("udp")) {
                    out.add("udp:" + port);
                } else if (f[3].equals("0A")) {
                    out.add("tcp-listen:" + port);
                }
            }
        }
        return out;
    }
}
