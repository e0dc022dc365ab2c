package dev.skirmish.gameserver;

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
 * The game server's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. The
 * game server is a small plain-Java process started per match: it talks to the orchestrator over HTTP only, never
 * through its classes, and carries no Spring (start-up time and jar size).
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.gameserver";

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(packagesUnder(ROOT))
            .should().beFreeOfCycles();

    /** The orchestrator, the lobby and the CLI are other processes: their classes are not ours to use. */
    @ArchTest
    static final ArchRule importsNoOtherService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.cli..");

    /** Plain Java and Netty: Spring would slow every match's start. */
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
