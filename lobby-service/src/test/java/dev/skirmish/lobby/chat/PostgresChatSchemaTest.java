package dev.skirmish.lobby.chat;

import dev.skirmish.lobby.support.OnTestPostgres;

/** {@link ChatSchemaTest} against PostgreSQL (same Flyway migrations); skipped unless SKIRMISH_TEST_POSTGRES_URL is set. */
@OnTestPostgres
class PostgresChatSchemaTest extends ChatSchemaTest {
}
