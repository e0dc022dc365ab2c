package dev.skirmish.simulation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.skirmish.testsupport.ArchitectureRules;

/**
 * The simulation's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. The
 * simulation is the pure game step under everything else (the server ticks it, the client predicts with it), so it
 * knows no module above it and no framework.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.simulation";

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT)
            // one flat package today: a single slice, which cannot form a cycle until a subpackage appears
            .allowEmptyShould(true);

    /** Lower layers never know the modules above them (the protocol included: it encodes this module's state). */
    @ArchTest
    static final ArchRule importsNoOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..", "dev.skirmish.cli..",
                    "dev.skirmish.protocol..");

    /** The game server and the CLI run without Spring, and they carry this module. */
    @ArchTest
    static final ArchRule importsNoSpring = ArchitectureRules.importsNoSpring();
}
