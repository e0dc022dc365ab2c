package dev.skirmish.cli.shell;

import dev.skirmish.cli.config.CliConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where the config lives and where output goes; tests pass their own. */
public record Context(Path configFile, PrintWriter out, PrintWriter err) {
    public CliConfig config() {
        return CliConfig.load(configFile);
    }
}
