package dev.skirmish.orchestrator.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a game server needs to start. Players is empty for a warm server.
 *
 * @param sessionKeyBase64 goes into the child's environment only, never its command line
 * @param traceparent      the match start's W3C traceparent (validated, not secret), null for none: into the
 *                         child's environment as {@value #TRACEPARENT_ENV} (docs/observability.md)
 */
public record LaunchSpec(String sessionId, String bindAddress, int port, List<String> players, int matchSeconds,
                         int tickRate, String callbackUrl, boolean warm, String sessionKeyBase64, Path logFile,
                         String traceparent) {
    /** The environment variable that carries the session key to the game server. */
    public static final String SESSION_KEY_ENV = "SKIRMISH_SESSION_KEY";
    /** The environment variable that carries the match start's traceparent to the game server. */
    public static final String TRACEPARENT_ENV = "SKIRMISH_TRACEPARENT";

    /** A launch outside any traced match start (warm servers, the startup cache's training run). */
    public LaunchSpec(String sessionId, String bindAddress, int port, List<String> players, int matchSeconds,
                      int tickRate, String callbackUrl, boolean warm, String sessionKeyBase64, Path logFile) {
        this(sessionId, bindAddress, port, players, matchSeconds, tickRate, callbackUrl, warm, sessionKeyBase64,
                logFile, null);
    }

    public LaunchSpec {
        players = List.copyOf(players);
    }

    /** The game server's arguments (the launch contract, docs/orchestrator-api.md); the key is not among them. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        args.add("--session-id");
        args.add(sessionId);
        args.add("--port");
        args.add(Integer.toString(port));
        args.add("--address");
        args.add(bindAddress);
        if (warm) {
            args.add("--warm");
        } else {
            args.add("--players");
            args.add(String.join(",", players));
            args.add("--match-seconds");
            args.add(Integer.toString(matchSeconds));
        }
        args.add("--tick-rate");
        args.add(Integer.toString(tickRate));
        args.add("--orchestrator-url");
        args.add(callbackUrl);
        return args;
    }

    /** The same launch with another bind address (a container binds all its interfaces behind a published port). */
    public LaunchSpec withBindAddress(String address) {
        return new LaunchSpec(sessionId, address, port, players, matchSeconds, tickRate, callbackUrl, warm,
                sessionKeyBase64, logFile, traceparent);
    }

    @Override
    public String toString() {
        // keep the key out of logs
        return "LaunchSpec[session=" + sessionId + ", port=" + port + ", players=" + players + ", warm=" + warm + "]";
    }
}
