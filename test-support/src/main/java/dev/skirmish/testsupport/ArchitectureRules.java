package dev.skirmish.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The architecture rules every module states the same way (docs/architecture.md). Each module's
 * {@code ArchitectureTest} names them as its own {@code @ArchTest} fields, beside the rules only it has, so a
 * failure still says which module broke which rule.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /**
     * No cycle between the packages directly under {@code root}: a cycle means neither package can be read, tested or
     * replaced without the other.
     */
    public static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().assignedFrom(packagesUnder(root)).should().beFreeOfCycles();
    }

    /**
     * No use of Spring, nor of web-support (Spring's part of this code base): the game server, the CLI and the modules
     * they carry run without it.
     */
    public static ArchRule importsNoSpring() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.skirmish.websupport..");
    }

    /** The package directly under {@code root} that holds {@code packageName}, "(root)", or null outside root. */
    public static String sliceOf(String root, String packageName) {
        if (packageName.equals(root)) {
            return "(root)";
        }
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** One slice per package directly under {@code root} (its subpackages belong to it), the root its own slice. */
    public static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String slice = sliceOf(root, javaClass.getPackageName());
                return slice == null ? SliceIdentifier.ignore() : SliceIdentifier.of(slice);
            }

            @Override
            public String getDescription() {
                return "packages directly under " + root;
            }
        };
    }
}
