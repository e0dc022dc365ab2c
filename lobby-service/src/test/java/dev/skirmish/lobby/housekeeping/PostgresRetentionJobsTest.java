package dev.skirmish.lobby.housekeeping;

import dev.skirmish.lobby.support.OnTestPostgres;

/** {@link RetentionJobsTest} against PostgreSQL (same Flyway migrations); skipped unless SKIRMISH_TEST_POSTGRES_URL is set. */
@OnTestPostgres
class PostgresRetentionJobsTest extends RetentionJobsTest {
}
