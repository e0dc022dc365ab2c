package dev.skirmish.lobby.rooms;

import dev.skirmish.lobby.support.OnTestPostgres;

/** {@link dev.skirmish.lobby.rooms.RoomLifecycleTest} against PostgreSQL (same Flyway migrations); skipped unless SKIRMISH_TEST_POSTGRES_URL is set. */
@OnTestPostgres
class PostgresRoomLifecycleTest extends RoomLifecycleTest {
}
