package dev.skirmish.cli;

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
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(packagesUnder(ROOT))
            .should().beFreeOfCycles();

    /** The services are other processes: the CLI reaches them over the network only. */
    @ArchTest
    static final ArchRule importsNoService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.skirmish.lobby..", "dev.skirmish.orchestrator..", "dev.skirmish.gameserver..");

    /** A command-line tool starts in a blink: no Spring. */
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
