package dev.skirmish.lobby.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skirmish.lobby.LobbyApplication;
import dev.skirmish.lobby.support.FakeOrchestrator;
import dev.skirmish.lobby.support.Http;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A whole lobby on a random port whose database is an H2 file in a test's directory, with the operator {@code root} /
 * {@link AdminTestBase#PASSWORD}: two at once on one directory are two nodes of a cluster (sharing the database as
 * nodes share PostgreSQL), one after the other a restart.
 */
final class FileLobby implements AutoCloseable {
    /** Low cost (tests only), and one hash for every lobby of the JVM. */
    private static final String HASH = new BCryptPasswordEncoder(4).encode(AdminTestBase.PASSWORD);

    private final ConfigurableApplicationContext context;
    final int port;
    final Http http;

    private FileLobby(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.http = new Http(port);
    }

    static FileLobby start(Path dir) {
        return new FileLobby(new SpringApplicationBuilder(LobbyApplication.class).profiles("test").run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("lobby").toAbsolutePath(),
                "--skirmish.lobby.orchestrator-url=" + FakeOrchestrator.shared().url(),
                "--skirmish.lobby.admin.operators[0].name=root",
                "--skirmish.lobby.admin.operators[0].password-hash=" + HASH));
    }

    /** The operator's bearer token from this lobby. */
    String signIn() {
        var r = http.post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"" + AdminTestBase.PASSWORD + "\"}");
        assertThat(r.status()).isEqualTo(200);
        return r.body().get("token").asString();
    }

    @Override
    public void close() {
        context.close();
    }
}
