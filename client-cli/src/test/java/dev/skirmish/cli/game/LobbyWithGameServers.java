package dev.skirmish.cli.game;

import dev.skirmish.cli.LobbyFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real lobby plus the orchestrator stand-in that runs real game servers: everything a client test needs to play
 * a match. The lobby's port is chosen first because each of the two must know the other's URL.
 */
public final class LobbyWithGameServers implements AutoCloseable {
    private static final String SERVICE_KEY = "client-cli-test-service-key";
    public final LobbyFixture lobby;
    public final TestOrchestrator orchestrator;

    private LobbyWithGameServers(LobbyFixture lobby, TestOrchestrator orchestrator) {
        this.lobby = lobby;
        this.orchestrator = orchestrator;
    }

    /** {@code matchSeconds}: the lobby's default match length (its minimum is lowered to 5 for short test matches). */
    public static LobbyWithGameServers start(Path data, int matchSeconds) throws IOException {
        int lobbyPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            lobbyPort = s.getLocalPort();
        }
        TestOrchestrator orchestrator = new TestOrchestrator(SERVICE_KEY, "http://127.0.0.1:" + lobbyPort);
        List<String> args = new ArrayList<>(List.of("--server.port=" + lobbyPort, "--skirmish.service-key=" + SERVICE_KEY,
                "--skirmish.lobby.match-seconds=" + matchSeconds, "--skirmish.lobby.min-match-seconds=5"));
        return new LobbyWithGameServers(new LobbyFixture(data, orchestrator.url(), args.toArray(String[]::new)), orchestrator);
    }

    public String url() {
        return lobby.url;
    }

    @Override
    public void close() throws IOException {
        lobby.close();
        orchestrator.close();
    }
}
