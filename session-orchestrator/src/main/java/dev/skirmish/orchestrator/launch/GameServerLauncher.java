package dev.skirmish.orchestrator.launch;

import java.io.IOException;

/**
 * Starts one game server per session. The local-process launcher is the default; a container launcher can
 * implement the same interface.
 */
public interface GameServerLauncher {
    LaunchedServer launch(LaunchSpec spec) throws IOException;
}
