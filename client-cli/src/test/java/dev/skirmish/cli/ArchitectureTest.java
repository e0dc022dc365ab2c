package dev.skirmish.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.skirmish.testsupport.ArchitectureRules;

/**
 * The CLI's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. The CLI talks
 * to the lobby over HTTP and STOMP and to game servers over UDP; the services' classes are never on its path.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.cli";

    /**
     * A cycle between packages means neither can be read, tested or replaced without the other. The root
     * ({@code SkirmishCli}) knows every command; the commands share {@code shell} ({@code Context},
     * {@code UsageException}) and never reach back to the root.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    /** The services are other processes: the CLI reaches them over the network only. */
    @ArchTest
    static final ArchRule importsNoService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..");

    /** A command-line tool starts in a blink: no Spring. */
    @ArchTest
    static final ArchRule importsNoSpring = ArchitectureRules.importsNoSpring();
}
