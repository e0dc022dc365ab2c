package dev.skirmish.lobby;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.skirmish.testsupport.ArchitectureRules;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The lobby's architecture rules, checked on its compiled main classes by every {@code ./mvnw verify}. Each package
 * directly under {@code dev.skirmish.lobby} is a feature ({@code rooms}, {@code matches}, ...) or a shared part
 * ({@code web}, {@code config}, {@code text}); see docs/architecture.md for who owns what.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    static final String ROOT = "dev.skirmish.lobby";

    /**
     * Spring Modulith's view of the same packages (each one an application module): no cycles between modules and no
     * use of another module's internals. Kept beside the ArchUnit rules because it also reads Spring's wiring.
     */
    @Test
    void modulesVerify() {
        ApplicationModules.of(LobbyApplication.class).verify();
    }

    /** A cycle between packages means neither can be read, tested or replaced without the other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = ArchitectureRules.packagesAreFreeOfCycles(ROOT);

    /**
     * A feature's tables are its own: another package that reads or writes its entities or repositories bypasses the
     * rules (and the locks) of the service that owns them. Other features go through that service.
     */
    @ArchTest
    static final ArchRule featuresUseEachOthersServicesOnly = noClasses().should(reachIntoAnotherPackagesPersistence());

    /**
     * Rooms have one writer: {@code RoomLedger} takes the rooms' lock ({@code RoomLock}) and drives the seat index
     * ({@code SeatIndex}) and the pending removals ({@code EmptyRoomRemoval}, {@code EmptyRoomTimers}), rebuilt after a
     * restart by {@code RoomRecovery}, and {@code Countdowns} the countdowns, all in private fields, so no other class
     * can change them or take the lock except through their methods.
     */
    @ArchTest
    static final ArchRule roomStateHasOneOwner = fields().that().areDeclaredInClassesThat(
                    describe("RoomLedger, its RoomLock, SeatIndex, EmptyRoomRemoval, EmptyRoomTimers, RoomRecovery and RoomEventQueue, or Countdowns",
                    c -> java.util.Set.of("RoomLedger", "RoomLock", "SeatIndex", "EmptyRoomRemoval", "EmptyRoomTimers", "RoomRecovery", "RoomEventQueue",
                                    "Countdowns").stream()
                            .anyMatch(n -> c.getName().equals(ROOT + ".rooms." + n))))
            .should().bePrivate();

    /**
     * The lobby talks to the orchestrator and game servers over HTTP and UDP only, never through their classes. Of the
     * protocol it uses the one trace header format ({@code protocol.trace}), which every service checks alike.
     */
    @ArchTest
    static final ArchRule importsNoOtherService = noClasses().should().dependOnClassesThat(
            resideInAnyPackage("dev.skirmish.orchestrator..", "dev.skirmish.gameserver..", "dev.skirmish.cli..",
                    "dev.skirmish.protocol..", "dev.skirmish.simulation..")
                    .and(resideOutsideOfPackage("dev.skirmish.protocol.trace")));

    static ArchCondition<JavaClass> reachIntoAnotherPackagesPersistence() {
        return new ArchCondition<>("use an entity or repository of another package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = ArchitectureRules.sliceOf(ROOT, origin.getPackageName());
                origin.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (!target.getPackageName().startsWith(ROOT + ".") || ArchitectureRules.sliceOf(ROOT, target.getPackageName()).equals(own)) return;
                    if (isPersistence.test(target)) events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                });
            }
        };
    }

    private static final DescribedPredicate<JavaClass> isPersistence = describe("an entity or repository",
            c -> c.isAnnotatedWith(Entity.class) || c.isAnnotatedWith(Embeddable.class) || c.isAssignableTo(Repository.class));
}
