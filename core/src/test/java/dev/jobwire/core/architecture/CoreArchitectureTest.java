package dev.jobwire.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core/ must run the same on Lambda and locally, so it may not see AWS or Lambda types. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jobwire.core");

    @Test
    void core_doesNotDependOnAwsOrLambda() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.amazon..")
                .because("core/ holds the business rules and must not know AWS")
                .check(CORE);
    }

    @Test
    void core_doesNotDependOnOtherJobwireModules() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.jobwire.aws..", "dev.jobwire.connect..", "dev.jobwire.disconnect..",
                        "dev.jobwire.submit..", "dev.jobwire.worker..", "dev.jobwire.notifier..", "dev.jobwire.local..")
                .check(CORE);
    }

    @Test
    void core_readsNoEnvironment() {
        noClasses().should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("settings are read once, in the wiring")
                .check(CORE);
    }

    @Test
    void core_hasClassesToCheck() {
        org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(30);
    }
}
