package dev.skirmish.lobby.admin;

import dev.skirmish.lobby.support.IntegrationTestBase;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A lobby with one configured operator, {@code root} / {@link #PASSWORD}. */
abstract class AdminTestBase extends IntegrationTestBase {
    static final String PASSWORD = "correct horse battery staple";

    @DynamicPropertySource
    static void operators(DynamicPropertyRegistry registry) {
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD); // low cost: tests only
        registry.add("skirmish.lobby.admin.operators[0].name", () -> "root");
        registry.add("skirmish.lobby.admin.operators[0].password-hash", () -> hash);
        registry.add("skirmish.lobby.limits.admin-sign-ins-per-address", () -> "5");
        registry.add("skirmish.lobby.limits.reports-per-player", () -> "5");
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    /** Signs in from an address of its own each time, so the sign-in limit (5 here) is only met where a test means to. */
    String adminToken() {
        int n = ADDRESSES.incrementAndGet();
        var r = new dev.skirmish.lobby.support.Http(port, "127.0." + (100 + n / 250) + "." + (1 + n % 250)).post("/api/admin/sign-in", null, "{\"name\":\"root\",\"password\":\"" + PASSWORD + "\"}");
        if (r.status() != 200) throw new AssertionError("sign-in: " + r.status() + " " + r.raw());
        return r.body().get("token").asString();
    }
}
