package dev.skirmish.cli;

import dev.skirmish.cli.shell.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real lobby-service in this JVM: random port, its own H2 files, an orchestrator URL given by the test. */
public final class LobbyFixture implements AutoCloseable {
    private final ConfigurableApplicationContext app;
    public final String url;

    public LobbyFixture(Path dataDir, String orchestratorUrl, String... extra) {
        String[] props = {
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("lobby").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "--skirmish.lobby.orchestrator-url=" + orchestratorUrl,
                "--skirmish.lobby.orchestrator-timeout=3s",
                "--skirmish.lobby.countdown=1s",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"};
        // a setting the test passes replaces the default here (Spring would join repeated arguments with commas)
        java.util.List<String> args = new java.util.ArrayList<>();
        for (String p : props) {
            String key = p.substring(0, p.indexOf('=') + 1);
            if (java.util.Arrays.stream(extra).noneMatch(e -> e.startsWith(key))) {
                args.add(p);
            }
        }
        args.addAll(java.util.List.of(extra));
        String[] all = args.toArray(String[]::new);
        app = new SpringApplicationBuilder(lobbyApplication()).run(all);
        url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** A lobby without an orchestrator whose tokens expire after {@code ttl}, swept every 500 ms. */
    public static LobbyFixture withTokenTtl(Path dataDir, Duration ttl) {
        return new LobbyFixture(dataDir, "http://127.0.0.1:9", "--skirmish.lobby.token-ttl=" + ttl.toSeconds() + "s",
                "--skirmish.lobby.token-sweep-interval=500ms");
    }

    /**
     * By name, not by import: after {@code package} the reactor resolves lobby-service to its Spring Boot fat jar
     * (classes under BOOT-INF/), so its classes come from the surefire class path entry in client-cli/pom.xml.
     */
    private static Class<?> lobbyApplication() {
        try {
            return Class.forName("dev.skirmish.lobby.LobbyApplication");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("lobby-service classes are not on the test class path: build with -am", e);
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /** Runs the CLI as one user (its own config dir) and captures what it prints. */
    public static Result cli(Path configDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SkirmishCli.run(new Context(configDir.resolve("cli.json"), new PrintWriter(out, true),
                new PrintWriter(err, true)), args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int code, String out, String err) {
    }
}
