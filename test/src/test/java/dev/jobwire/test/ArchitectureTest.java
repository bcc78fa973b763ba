package dev.jobwire.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of the design, checked on the compiled main classes of every module. */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jobwire");

    @Test
    void onlyTheSettingsReadTheEnvironment() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.jobwire.aws.Settings")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("settings are read once into a record, in one place")
                .check(ALL);
    }

    @Test
    void handlersTranslateAndLeaveAdaptersToTheWiring() {
        noClasses().that().resideInAnyPackage("dev.jobwire.connect..", "dev.jobwire.disconnect..",
                        "dev.jobwire.submit..", "dev.jobwire.worker..", "dev.jobwire.notifier..", "dev.jobwire.http..",
                        "dev.jobwire.webhook..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jobwire.aws.dynamodb..",
                        "dev.jobwire.aws.sqs..", "dev.jobwire.aws.apigateway..", "software.amazon.awssdk..",
                        "dev.jobwire.core.memory..")
                .because("a handler reads the event, calls one use case and maps the outcome")
                .check(ALL);
    }

    @Test
    void coreSeesNoAwsAndNoLambda() {
        noClasses().that().resideInAPackage("dev.jobwire.core..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(ALL);
    }

    @Test
    void theRuleSetSeesEveryModule() {
        assertThat(ALL.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("core", "aws", "connect", "disconnect", "submit", "worker", "notifier", "http");
    }
}
