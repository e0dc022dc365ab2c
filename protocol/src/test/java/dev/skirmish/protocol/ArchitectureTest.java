package dev.skirmish.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.skirmish.testsupport.ArchitectureRules;

/**
 * The protocol's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. The wire
 * protocol is shared by the game server, the orchestrator and the clients, so it must not lean on any of them, nor
 * on Spring, which the game server and the CLI do not carry.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.protocol";

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    /** Lower layers never know the services above them. */
    @ArchTest
    static final ArchRule importsNoServiceModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..", "dev.skirmish.cli..");

    /** The game server and the CLI run without Spring, and they carry this module. */
    @ArchTest
    static final ArchRule importsNoSpring = ArchitectureRules.importsNoSpring();
}
