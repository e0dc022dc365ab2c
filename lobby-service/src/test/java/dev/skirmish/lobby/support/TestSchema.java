package dev.skirmish.lobby.support;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A schema of its own on the test PostgreSQL ({@code SKIRMISH_TEST_POSTGRES_URL}, {@code _USER}/{@code _PASSWORD},
 * default skirmish), migrated by the lobby's real Flyway migrations, for a plain test of one database class that
 * needs no Spring context; {@link #close} drops it. Pair with a class-level skip when the variable is not set.
 */
public final class TestSchema implements AutoCloseable {
    private final String name;
    private final JdbcTemplate jdbc;

    private TestSchema(String name, JdbcTemplate jdbc) {
        this.name = name;
        this.jdbc = jdbc;
    }

    /** A fresh schema named {@code prefix} + a random suffix, migrated. */
    public static TestSchema migrated(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        String url = System.getenv("SKIRMISH_TEST_POSTGRES_URL");
        var ds = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
                System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_USER", "skirmish"),
                System.getenv().getOrDefault("SKIRMISH_TEST_POSTGRES_PASSWORD", "skirmish"));
        Flyway.configure().dataSource(ds).schemas(name).load().migrate();
        return new TestSchema(name, new JdbcTemplate(ds));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        jdbc.execute("drop schema " + name + " cascade");
    }
}
