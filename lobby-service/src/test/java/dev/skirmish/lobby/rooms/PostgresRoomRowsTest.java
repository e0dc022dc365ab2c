package dev.skirmish.lobby.rooms;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/** {@link dev.skirmish.lobby.rooms.RoomRowsTest} against PostgreSQL (same Flyway migrations); skipped unless SKIRMISH_TEST_POSTGRES_URL is set. */
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run the repository tests against PostgreSQL")
@TestPropertySource(properties = {
        "spring.datasource.url=${SKIRMISH_TEST_POSTGRES_URL}",
        "spring.datasource.username=${SKIRMISH_TEST_POSTGRES_USER:skirmish}",
        "spring.datasource.password=${SKIRMISH_TEST_POSTGRES_PASSWORD:skirmish}"})
class PostgresRoomRowsTest extends RoomRowsTest {
}
