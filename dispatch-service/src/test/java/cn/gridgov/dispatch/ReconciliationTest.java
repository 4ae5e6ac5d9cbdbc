package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.StandInCaseService.OpenCase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation of both services' views of the open cases, against a stand-in for
 * case-service's compact list (the journeys check it against the real one).
 */
@QuarkusTest
class ReconciliationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject MovableClock clock;

    @Test
    @DisplayName(
            "every difference in status, step or handler is listed, and a case only one side holds open; a case "
                    + "that changed within the settle time is counted as unsettled, not as a difference; the gauge follows")
    void differencesAreListedAndFreshChangesWait() throws Exception {
        var agreeing = Snapshot.of("0101", "G07").numbered();
        var otherHandler = Snapshot.of("0101", "G07").numbered();
        var endedThere = Snapshot.of("0101", "G07").numbered();
        var unknownHere = Snapshot.of("0101", "G07").numbered();
        var justChanged = Snapshot.of("0101", "G07").numbered();
        try (var cases = new CaseEvents(bootstrap);
                var caseService = new StandInCaseService()) {
            for (var s : List.of(agreeing, otherHandler, endedThere, justChanged)) {
                cases.publish(CaseTypes.ACCEPTED, s.status("ACCEPTED", "DISPATCH"));
            }
            for (var s : List.of(agreeing, otherHandler, endedThere, justChanged)) {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        as(DISPATCHER)
                                                .get("/api/v1/routing-decisions/" + s.number())
                                                .then()
                                                .statusCode(200)
                                                .body("departmentCode", equalTo("ZHZF")));
            }
            // Everything here settled long ago, as far as both services' clocks can tell.
            clock.advance(Duration.ofSeconds(6));
            var past = clock.instant().minusSeconds(60);
            caseService.holds(
                    List.of(
                            OpenCase.of(
                                    agreeing.id(),
                                    agreeing.number(),
                                    "ACCEPTED",
                                    "DISPATCH",
                                    "ZHZF",
                                    "DEPARTMENT",
                                    past),
                            OpenCase.of(
                                    otherHandler.id(),
                                    otherHandler.number(),
                                    "ACCEPTED",
                                    "DISPATCH",
                                    "JD-S1",
                                    "DEPARTMENT",
                                    past),
                            OpenCase.of(
                                    unknownHere.id(),
                                    unknownHere.number(),
                                    "DISPATCHED",
                                    "DEPARTMENT_ACCEPT",
                                    "ZHZF",
                                    "DEPARTMENT",
                                    past),
                            OpenCase.of(
                                    justChanged.id(),
                                    justChanged.number(),
                                    "DISPATCHED",
                                    "DEPARTMENT_ACCEPT",
                                    "ZHZF",
                                    "DEPARTMENT",
                                    clock.instant())));

            var report =
                    as(DISPATCHER)
                            .get("/api/v1/reconciliation")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            var ours =
                    Set.of(
                            agreeing.id(),
                            otherHandler.id(),
                            endedThere.id(),
                            unknownHere.id(),
                            justChanged.id());
            List<Map<String, Object>> differences = report.getList("differences");
            var mine =
                    differences.stream()
                            .filter(d -> ours.contains((String) d.get("caseId")))
                            .map(
                                    d ->
                                            d.get("caseNumber")
                                                    + " "
                                                    + d.get("field")
                                                    + " "
                                                    + d.get("caseService")
                                                    + " "
                                                    + d.get("dispatch"))
                            .toList();
            assertThat(mine)
                    .containsExactlyInAnyOrder(
                            otherHandler.number() + " HANDLER JD-S1 ZHZF",
                            endedThere.number() + " STATUS not open ACCEPTED",
                            unknownHere.number() + " CASE_FILE DISPATCHED null");
            assertThat(report.getList("unsettledCases", String.class))
                    .contains(justChanged.id())
                    .doesNotContain(agreeing.id(), otherHandler.id());
            assertThat(caseService.pages()).as("every page asked").isGreaterThanOrEqualTo(2);
            assertThat(caseService.unauthenticated())
                    .as("asked with the service's own token")
                    .isZero();

            // The gauge holds the last check's count of differences.
            var gauge =
                    given().get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString()
                            .lines()
                            .filter(line -> line.startsWith("gridgov_reconciliation_differences"))
                            .findFirst()
                            .orElseThrow();
            assertThat(Double.parseDouble(gauge.substring(gauge.lastIndexOf(' ') + 1)))
                    .isEqualTo(differences.size());

            // Put right (case-service's handler is taken) and settled, the case drops out of the
            // differences.
            caseService.holds(
                    List.of(
                            OpenCase.of(
                                    agreeing.id(),
                                    agreeing.number(),
                                    "ACCEPTED",
                                    "DISPATCH",
                                    "ZHZF",
                                    "DEPARTMENT",
                                    past),
                            OpenCase.of(
                                    otherHandler.id(),
                                    otherHandler.number(),
                                    "ACCEPTED",
                                    "DISPATCH",
                                    "ZHZF",
                                    "DEPARTMENT",
                                    past)));
            List<Map<String, Object>> after =
                    as(DISPATCHER)
                            .get("/api/v1/reconciliation")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("differences");
            assertThat(after)
                    .noneMatch(
                            d ->
                                    agreeing.id().equals(d.get("caseId"))
                                            || otherHandler.id().equals(d.get("caseId")));
        } finally {
            try (var cases = new CaseEvents(bootstrap)) {
                for (var s : List.of(agreeing, otherHandler, endedThere, justChanged)) {
                    cases.publish(CaseTypes.CLOSED, s.status("CLOSED", null));
                }
            }
        }
    }

    @Test
    @DisplayName(
            "the reconciliation is for the command center, supervisors and administrators; without case-service it "
                    + "is a 503 naming no Java class")
    void whoMayReadItAndWhenCaseServiceIsDown() {
        as("ZHZF-1")
                .get("/api/v1/reconciliation")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        var down =
                as("CC-SUPERVISOR-1")
                        .get("/api/v1/reconciliation")
                        .then()
                        .statusCode(503)
                        .body("code", equalTo("CASE_SERVICE_UNAVAILABLE"))
                        .extract()
                        .asString();
        assertThat(down).doesNotContain("java.", "Exception");
    }
}
