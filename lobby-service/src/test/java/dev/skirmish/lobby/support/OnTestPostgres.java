package dev.skirmish.lobby.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a Spring test class (usually a subclass of an H2 test, to repeat its assertions on the other database) against
 * the test PostgreSQL named by {@code SKIRMISH_TEST_POSTGRES_URL} (and {@code _USER}/{@code _PASSWORD}, default
 * skirmish), through the same Flyway migrations; skipped with a message saying so when that variable is not set, as
 * on a machine without PostgreSQL. One place for what each such class repeated.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@EnabledIfEnvironmentVariable(named = "SKIRMISH_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "set SKIRMISH_TEST_POSTGRES_URL (and _USER/_PASSWORD) to run this test against PostgreSQL")
@TestPropertySource(properties = {
        "spring.datasource.url=${SKIRMISH_TEST_POSTGRES_URL}",
        "spring.datasource.username=${SKIRMISH_TEST_POSTGRES_USER:skirmish}",
        "spring.datasource.password=${SKIRMISH_TEST_POSTGRES_PASSWORD:skirmish}"})
public @interface OnTestPostgres {
}
