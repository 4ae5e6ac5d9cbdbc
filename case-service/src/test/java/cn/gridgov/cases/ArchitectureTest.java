package cn.gridgov.cases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of the service, kept by tests: the case and its rules know nothing of HTTP or Kafka.
 */
class ArchitectureTest {

    /** The service's own compiled classes; reading the whole class path would take far longer. */
    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(Path.of("target", "classes"));

    @Test
    @DisplayName("the case, the catalogue and the timeline know nothing of HTTP or Kafka")
    void domainIsFreeOfTheEdges() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..cases.casefile..", "..cases.catalogue..", "..cases.timeline..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..cases.rest..",
                        "..cases.messaging..",
                        "..cases.open311..",
                        "jakarta.ws.rs..",
                        "org.apache.kafka..",
                        "io.smallrye.reactive.messaging..")
                .check(CLASSES);
    }

    @Test
    @DisplayName("the workflow and intake are called by the REST layer, never the other way round")
    void onlyTheEdgesSpeakHttp() {
        noClasses()
                .that()
                .resideInAnyPackage("..cases.workflow..", "..cases.intake..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..cases.rest..", "..cases.open311..", "jakarta.ws.rs.core..")
                .check(CLASSES);
    }
}
