package dev.skirmish.orchestrator;

import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.skirmish.testsupport.ArchitectureRules;
import java.util.Set;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The orchestrator's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}:
 * Spring Modulith's module model (each package directly under the root is a module; no cycles between modules, and
 * none reaches into another's subpackages) plus rules of our own about features and about who may change a live
 * session.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.orchestrator";
    static final String SESSIONS = ROOT + ".sessions";
    /** The classes of the session lifecycle: the only ones that may change a {@code LiveSession}. */
    static final Set<String> LIFECYCLE = Set.of(SESSIONS + ".SessionLifecycle", SESSIONS + ".SessionHeartbeats",
            SESSIONS + ".SessionEndings");
    /** The one change outside the lifecycle: handing a room a warm server is a capacity decision, under its lock. */
    static final String REGISTRY = SESSIONS + ".SessionRegistry";

    /** Modules that use each other in a circle, or a module's internals used from outside, fail here. */
    @ArchTest
    static void modulesVerify(JavaClasses ignored) {
        ApplicationModules.of(OrchestratorApplication.class).verify();
    }

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    /**
     * A feature is used through its services: another feature's repository or entity in hand would write its state
     * behind the back of the class that owns it.
     */
    @ArchTest
    static final ArchRule noOtherFeaturesRepositoryOrEntity = classes().that().resideInAPackage(ROOT + "..")
            .should(leaveOtherFeaturesRepositoriesAndEntitiesAlone());

    /** A live session's state is private: nothing outside the class reads or writes a field of it. */
    @ArchTest
    static final ArchRule liveSessionFieldsArePrivate = fields().that().areDeclaredIn(SESSIONS + ".LiveSession")
            .should().bePrivate();

    /**
     * {@code LiveSession}'s public methods only read; its package-private ones change it, and only the lifecycle
     * calls them (plus the registry's room claim): one owner for a session's state.
     */
    @ArchTest
    static final ArchRule liveSessionChangesOnlyInTheLifecycle = noClasses()
            .that().doNotHaveFullyQualifiedName(SESSIONS + ".LiveSession")
            .and(DescribedPredicate.describe("are not the session lifecycle",
                    (JavaClass c) -> !LIFECYCLE.contains(c.getName())))
            .should().callMethodWhere(changesALiveSession(false))
            .orShould().callConstructorWhere(changesALiveSession(true));

    /** Calls to LiveSession's non-public methods; with {@code construct}, to its constructors outside the registry. */
    private static DescribedPredicate<JavaAccess<?>> changesALiveSession(boolean construct) {
        return DescribedPredicate.describe(construct ? "a LiveSession constructor (outside the registry)"
                : "a non-public method of LiveSession (outside the registry's room claim)", access -> {
            AccessTarget target = access.getTarget();
            if (!target.getOwner().getName().equals(SESSIONS + ".LiveSession")) {
                return false;
            }
            boolean fromRegistry = access.getOriginOwner().getName().equals(REGISTRY);
            if (construct) {
                return !fromRegistry;
            }
            boolean roomClaim = fromRegistry && target.getName().equals("claimRoom");
            return !roomClaim && target.resolveMember().map(m -> !m.getModifiers().contains(PUBLIC)).orElse(true);
        });
    }

    /** Each dependency on a repository or {@code @Entity} of another feature is one violation. */
    private static ArchCondition<JavaClass> leaveOtherFeaturesRepositoriesAndEntitiesAlone() {
        return new ArchCondition<>("use another feature only through its services, never its repository or entity") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = ArchitectureRules.sliceOf(ROOT, origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    String to = ArchitectureRules.sliceOf(ROOT, target.getPackageName());
                    if (to == null || to.equals(from)) {
                        continue;
                    }
                    boolean entity = target.isAnnotatedWith("jakarta.persistence.Entity");
                    boolean repository = target.isAssignableTo("org.springframework.data.repository.Repository");
                    if (entity || repository) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
