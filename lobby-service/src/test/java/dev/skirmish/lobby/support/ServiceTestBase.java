package dev.skirmish.lobby.support;

import dev.skirmish.lobby.security.PlayerToken;
import dev.skirmish.lobby.web.LobbyException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Service-level tests: the whole application context on real H2, no HTTP, the orchestrator faked over HTTP. */
@SpringBootTest
@ActiveProfiles("test")
@Import(EventLog.class)
public abstract class ServiceTestBase {
    private static final AtomicInteger SEQ = new AtomicInteger();
    // names stay unique across runs too: a PostgreSQL test database keeps the players and matches of earlier runs
    private static final String RUN = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        FakeOrchestrator.register(registry);
    }

    /** A fresh player with a unique name (3-16 characters). */
    protected static PlayerToken player(String prefix) {
        return new PlayerToken(UUID.randomUUID().toString(), prefix + RUN + SEQ.incrementAndGet(), Instant.now().plusSeconds(3600));
    }

    protected static void refused(int status, String code, Executable call) {
        LobbyException e = assertThrows(LobbyException.class, call);
        assertThat(e.status().value()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
    }
}
