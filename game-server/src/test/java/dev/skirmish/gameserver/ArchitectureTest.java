package dev.skirmish.gameserver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.skirmish.testsupport.ArchitectureRules;

/**
 * The game server's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. The
 * game server is a small plain-Java process started per match: it talks to the orchestrator over HTTP only, never
 * through its classes, and carries no Spring (start-up time and jar size).
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.gameserver";

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    /** The orchestrator, the lobby and the CLI are other processes: their classes are not ours to use. */
    @ArchTest
    static final ArchRule importsNoOtherService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.cli..");

    /** Plain Java and Netty: Spring would slow every match's start. */
    @ArchTest
    static final ArchRule importsNoSpring = ArchitectureRules.importsNoSpring();
}
