package io.testlanes.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The build keeps the architecture: every integration of testlanes (the JUnit extension, the Spring
 * module, benchmarks, examples) is built on core's public packages only ({@code io.testlanes},
 * {@code io.testlanes.config}, {@code io.testlanes.run}, {@code io.testlanes.json}); core's {@code
 * internal} packages are its own. And no module's packages depend on each other in a cycle.
 */
class ModuleBordersTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.testlanes");

  @Test
  void theClassesOfEveryModuleAreImported() {
    org.assertj.core.api.Assertions.assertThat(MAIN.stream().map(c -> c.getPackageName()))
        .as("core, junit, examples and benchmarks classes")
        .anyMatch(p -> p.startsWith("io.testlanes.internal"))
        .anyMatch(p -> p.startsWith("io.testlanes.junit"))
        .anyMatch(p -> p.startsWith("io.testlanes.spring"))
        .anyMatch(p -> p.startsWith("io.testlanes.examples"))
        .anyMatch(p -> p.startsWith("io.testlanes.benchmarks"));
  }

  @Test
  void integrationsUseOnlyCorePublicPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.testlanes", "io.testlanes.config..", "io.testlanes.run..")
        .and()
        .resideOutsideOfPackages("io.testlanes.internal..", "io.testlanes.json..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.testlanes.internal..")
        .because("integrations are built on core's public run API (DESIGN: one run API)")
        .check(MAIN);
  }

  @Test
  void theSpringModuleUsesOnlyTheExtensionsPublicTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.testlanes.spring..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.testlanes.junit.internal..")
        .because("the Spring module is built on the extension's public API (ClassLane, TestLanes)")
        .check(MAIN);
  }

  @Test
  void corePublicPackagesDoNotDependOnIntegrations() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.testlanes",
            "io.testlanes.config..",
            "io.testlanes.run..",
            "io.testlanes.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.testlanes.junit..",
            "io.testlanes.spring..",
            "io.testlanes.examples..",
            "io.testlanes.benchmarks..")
        .check(MAIN);
  }

  /**
   * The library's packages (the example application is written the way applications are, with its
   * facade and its parts knowing each other, and is not held to this).
   */
  @Test
  void noPackageCyclesInTheLibrary() {
    slices()
        .matching("io.testlanes.(**)")
        .should()
        .beFreeOfCycles()
        .check(MAIN.that(JavaClass.Predicates.resideOutsideOfPackage("io.testlanes.examples..")));
  }
}
