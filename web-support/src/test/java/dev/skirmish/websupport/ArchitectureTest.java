package dev.skirmish.websupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * web-support's rules: it serves both Spring services, so it knows neither of them (nor the game server or the CLI);
 * of the protocol it uses the trace header format only.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.websupport";

    @ArchTest
    static final ArchRule importsNoServiceModule = noClasses().should().dependOnClassesThat(
            resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..",
                    "dev.skirmish.cli..", "dev.skirmish.simulation..", "dev.skirmish.protocol..")
                    .and(resideOutsideOfPackage("dev.skirmish.protocol.trace")));
}
