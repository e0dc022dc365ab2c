package dev.skirmish.lobby.housekeeping;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/** {@link RetentionJobsTest} against PostgreSQL (same Flyway migrations); skipped unless SKIRMISH_TEST_POSTGRES_URL is set. */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the retention jobs against PostgreSQL")
@TestPropertySource(properties = {
        "spring.datasource.url=${SKIRMISH_TEST_POSTGRES_URL}",
        "spring.datasource.username=${SKIRMISH_TEST_POSTGRES_USER:skirmish}",
        "spring.datasource.password=${SKIRMISH_TEST_POSTGRES_PASSWORD:skirmish}"})
class PostgresRetentionJobsTest extends RetentionJobsTest {
}
