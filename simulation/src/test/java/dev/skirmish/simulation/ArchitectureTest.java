package dev.skirmish.simulation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

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
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(packagesUnder(ROOT))
            .should().beFreeOfCycles()
            // one flat package today: a single slice, which cannot form a cycle until a subpackage appears
            .allowEmptyShould(true);

    /** Lower layers never know the modules above them (the protocol included: it encodes this module's state). */
    @ArchTest
    static final ArchRule importsNoOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..", "dev.skirmish.cli..",
                    "dev.skirmish.protocol..");

    /** The game server and the CLI run without Spring, and they carry this module. */
    @ArchTest
    static final ArchRule importsNoSpring = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");

    /** One slice per package directly under {@code root} (its subpackages belong to it), the root its own slice. */
    static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of("(root)");
                }
                if (!name.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = name.substring(root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }

            @Override
            public String getDescription() {
                return "packages directly under " + root;
            }
        };
    }
}
