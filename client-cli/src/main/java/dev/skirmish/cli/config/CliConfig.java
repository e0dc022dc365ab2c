package dev.skirmish.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code login} remembers for the other commands: the lobby, the player and its bearer token, and the room the
 * player last joined. Stored as JSON in {@code $SKIRMISH_CONFIG_DIR/cli.json} (default {@code ~/.config/skirmish}),
 * readable by the user only because it holds a token.
 */
public record CliConfig(String lobby, String playerId, String name, String token, String roomId) {
    public static final String DEFAULT_LOBBY = "http://127.0.0.1:8080";
    public static final String DIR_ENV = "SKIRMISH_CONFIG_DIR";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static CliConfig empty() {
        return new CliConfig(DEFAULT_LOBBY, null, null, null, null);
    }

    public CliConfig withRoom(String room) {
        return new CliConfig(lobby, playerId, name, token, room);
    }

    public boolean loggedIn() {
        return token != null && !token.isBlank();
    }

    public static Path file(Map<String, String> env) {
        String dir = env.get(DIR_ENV);
        Path base = dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".config", "skirmish");
        return base.resolve("cli.json");
    }

    public static CliConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            CliConfig c = JSON.readValue(Files.readString(file), CliConfig.class);
            return c.lobby() == null ? new CliConfig(DEFAULT_LOBBY, c.playerId(), c.name(), c.token(), c.roomId()) : c;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + file + " (" + e.getMessage() + "); delete it and log in again");
        }
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
            try {
                Files.setPosixFilePermissions(tmp, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own protection has to do
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
