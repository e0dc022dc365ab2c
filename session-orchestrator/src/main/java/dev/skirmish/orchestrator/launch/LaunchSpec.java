package dev.skirmish.orchestrator.launch;

import java.nio.file.Path;
import java.util.List;

/**
 * What a game server needs to start. Players is empty for a warm server.
 *
 * @param sessionKeyBase64 goes into the child's environment only, never its command line
 */
public record LaunchSpec(String sessionId, String bindAddress, int port, List<String> players, int matchSeconds,
                         int tickRate, String callbackUrl, boolean warm, String sessionKeyBase64, Path logFile) {
    public LaunchSpec {
        players = List.copyOf(players);
    }

    @Override
    public String toString() {
        // keep the key out of logs
        return "LaunchSpec[session=" + sessionId + ", port=" + port + ", players=" + players + ", warm=" + warm + "]";
    }
}
