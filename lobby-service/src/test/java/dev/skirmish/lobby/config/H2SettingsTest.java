package dev.skirmish.lobby.config;

import dev.skirmish.lobby.support.ServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 pool's connections get {@code skirmish.lobby.h2.query-cache-size} (docs/benchmarks.md: with H2's default of 8
 * a warm lobby re-parsed most statements of every join), even though the test profile's URL, like the bench's, does
 * not carry it.
 */
class H2SettingsTest extends ServiceTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyConnectionKeepsTheConfiguredNumberOfParsedStatements() {
        String size = jdbc.queryForObject(
                "select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'", String.class);
        assertThat(size).isEqualTo("64");
    }
}
