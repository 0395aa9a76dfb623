package org.jincai.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module direction of DESIGN.md, checked on the production classes of every module: message-formats
 * ← bank-adapters ← treasury-core ← integration-routes ← hub-server, the fixtures (bank-simulator,
 * benchmarks) used by hub-server only, message-formats free of Spring and databases, and every
 * {@code internal} package used only inside the feature that owns it.
 */
class ArchitectureTest {

    static final String FORMATS = "org.jincai.formats..";
    static final String SIMULATOR = "org.jincai.bank.simulator..";
    static final String BENCH = "org.jincai.bench..";
    static final String CORE = "org.jincai.core..";
    static final String ROUTES = "org.jincai.routes..";
    static final String SERVER = "org.jincai.server..";
    static final String SCHEDULER = "org.jincai.scheduler..";

    static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        // the modules' classes come from their jars or target/classes; test classes and test jars stay out
        ImportOption productionOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        production = new ClassFileImporter().withImportOption(productionOnly).importPackages("org.jincai");
    }

    @Test
    void everyModuleIsImported() {
        for (String p : new String[] {"org.jincai.formats", "org.jincai.bank", "org.jincai.bank.simulator",
                "org.jincai.bench.formats", "org.jincai.core", "org.jincai.routes", "org.jincai.scheduler",
                "org.jincai.server"}) {
            classes().that().resideInAPackage(p + "..").should().bePublic().orShould().notBePublic()
                    .allowEmptyShould(false).check(production);
        }
    }

    @Test
    void messageFormatsKnowsNothingOfTheOtherModulesOfSpringOrOfDatabases() {
        noClasses().that().resideInAPackage(FORMATS)
                .should().dependOnClassesThat().resideInAnyPackage("org.jincai.bank..", CORE, ROUTES, SERVER, BENCH,
                        "org.springframework..", "java.sql..", "javax.sql..", "org.apache.camel..")
                .check(production);
    }

    @Test
    void bankAdaptersDependOnMessageFormatsOnly() {
        noClasses().that().resideInAPackage("org.jincai.bank..").and().resideOutsideOfPackage(SIMULATOR)
                .should().dependOnClassesThat().resideInAnyPackage(SIMULATOR, CORE, ROUTES, SERVER, BENCH,
                        "org.springframework..", "org.apache.camel..")
                .check(production);
    }

    @Test
    void theCoreKnowsNoRouteServerOrFixture() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ROUTES, SERVER, SIMULATOR, BENCH, "org.apache.camel..")
                .check(production);
    }

    @Test
    void theSchedulerKnowsNoRouteServerOrFixture() {
        noClasses().that().resideInAPackage(SCHEDULER)
                .should().dependOnClassesThat().resideInAnyPackage(ROUTES, SERVER, SIMULATOR, BENCH, "org.apache.camel..")
                .check(production);
        noClasses().that().resideInAnyPackage(CORE, ROUTES).should().dependOnClassesThat().resideInAPackage(SCHEDULER)
                .check(production);
    }

    @Test
    void theRoutesKnowNoServerAndNoFixture() {
        noClasses().that().resideInAPackage(ROUTES)
                .should().dependOnClassesThat().resideInAnyPackage(SERVER, SIMULATOR, BENCH)
                .check(production);
    }

    @Test
    void theFixturesAreUsedByTheApplicationOnly() {
        noClasses().that().resideOutsideOfPackages(SIMULATOR, BENCH, SERVER)
                .should().dependOnClassesThat().resideInAnyPackage(SIMULATOR, BENCH)
                .check(production);
        noClasses().that().resideInAPackage(SIMULATOR)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, ROUTES, SERVER, BENCH)
                .check(production);
    }

    @Test
    void internalPackagesAreUsedOnlyByTheFeatureThatOwnsThem() {
        classes().that().resideInAPackage("..internal..")
                .should(onlyBeAccessedFromTheirFeature())
                .check(production);
    }

    /** A class of {@code a.b.feature.internal} may be used from {@code a.b.feature} and below, nowhere else. */
    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirFeature() {
        return new ArchCondition<>("be used only from the feature that owns their internal package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String name = item.getPackageName();
                String feature = name.substring(0, name.indexOf(".internal"));
                item.getDirectDependenciesToSelf().forEach(d -> {
                    String from = d.getOriginClass().getPackageName();
                    if (!from.equals(feature) && !from.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        };
    }
}
