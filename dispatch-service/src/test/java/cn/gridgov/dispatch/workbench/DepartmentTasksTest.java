package cn.gridgov.dispatch.workbench;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/department-tasks: what each department's staff see on the workbench, and no one else.
 */
@QuarkusTest
class DepartmentTasksTest {

    private static final String TASKS = "/api/v1/department-tasks";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject MovableClock clock;

    private static String caseAt(String caseId) {
        return "cases.find { it.caseId == '" + caseId + "' }";
    }

    private static String whistleAt(String whistleId) {
        return "whistles.find { it.whistleId == '" + whistleId + "' }";
    }

    @Test
    @DisplayName(
            "a case routed to enforcement with housing co-handling waits for enforcement's acceptance, is housing's to co-handle, is nobody else's, becomes enforcement's lead once accepted, and leaves every list when it closes")
    void routedAcceptedClosed() throws Exception {
        var now = clock.instant();
        // A manhole cover in G07: comprehensive enforcement (ZHZF) leads, housing (ZJJ) co-handles;
        // the step warned already.
        var cover =
                Snapshot.of("0101", "G07")
                        .timers(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(2)));
        try (var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, cover);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        as("ZHZF-1")
                                                .get(TASKS)
                                                .then()
                                                .statusCode(200)
                                                .body(
                                                        caseAt(cover.id()) + ".role",
                                                        equalTo("AWAITING_ACCEPTANCE")));

                as("ZHZF-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body("staffId", equalTo("ZHZF-1"))
                        .body("departmentCode", equalTo("ZHZF"))
                        .body("departmentName", equalTo("区综合执法局"))
                        .body(caseAt(cover.id()) + ".caseNumber", equalTo(cover.number()))
                        .body(caseAt(cover.id()) + ".gridCode", equalTo("G07"))
                        .body(caseAt(cover.id()) + ".coHandlers", hasItem("ZJJ"))
                        .body(caseAt(cover.id()) + ".clock", equalTo("YELLOW"))
                        .body(caseAt(cover.id()) + ".stepDueAt", not(nullValue()));
                as("ZJJ-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body("departmentCode", equalTo("ZJJ"))
                        .body(caseAt(cover.id()) + ".role", equalTo("CO_HANDLING"))
                        .body(caseAt(cover.id()) + ".leadDepartmentCode", equalTo("ZHZF"));
                as("SCJG-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(caseAt(cover.id()), nullValue());

                as("ZHZF-2")
                        .post("/api/v1/routing-decisions/" + cover.id() + "/acceptance")
                        .then()
                        .statusCode(200);
                as("ZHZF-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(caseAt(cover.id()) + ".role", equalTo("LEAD"))
                        .body(caseAt(cover.id()) + ".acceptedBy", equalTo("ZHZF-2"));
            } finally {
                cases.publish(CaseTypes.CLOSED, cover.status("CLOSED", null));
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as("ZHZF-1")
                                            .get(TASKS)
                                            .then()
                                            .statusCode(200)
                                            .body(caseAt(cover.id()), nullValue()));
            as("ZJJ-1").get(TASKS).then().statusCode(200).body(caseAt(cover.id()), nullValue());
        }
    }

    @Test
    @DisplayName(
            "a whistle summoning a department is on its staff's list until one of them reports for duty, and is never on another department's")
    void whistleUntilAnswered() throws Exception {
        var construction = Snapshot.of("0103", "G04").dedicated("DG-PORT").at(119.11, 35.003);
        try (var cases = new CaseEvents(bootstrap)) {
            try {
                cases.publish(CaseTypes.ACCEPTED, construction);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(
                                () ->
                                        as(DISPATCHER)
                                                .get(
                                                        "/api/v1/routing-decisions/"
                                                                + construction.id())
                                                .then()
                                                .statusCode(200));
                var whistleId = UUID.randomUUID().toString();
                as(DISPATCHER)
                        .contentType("application/json")
                        .body(
                                "{\"whistleId\":\""
                                        + whistleId
                                        + "\",\"kind\":\"HARD_CASE\",\"departments\":[\"PCS\",\"GTS\"]}")
                        .post("/api/v1/cases/" + construction.id() + "/whistles")
                        .then()
                        .statusCode(201);

                as("PCS-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(whistleAt(whistleId) + ".caseNumber", equalTo(construction.number()))
                        .body(whistleAt(whistleId) + ".kind", equalTo("HARD_CASE"))
                        .body(whistleAt(whistleId) + ".clock", equalTo("GREEN"))
                        .body(whistleAt(whistleId) + ".blownBy", equalTo(DISPATCHER));
                as("GTS-2")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(whistleAt(whistleId) + ".kind", equalTo("HARD_CASE"));
                as("ZJJ-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(whistleAt(whistleId), nullValue());

                as("PCS-2")
                        .contentType("application/json")
                        .body("{\"longitude\":119.1101,\"latitude\":35.0031}")
                        .post("/api/v1/whistles/" + whistleId + "/duty-reports")
                        .then()
                        .statusCode(200)
                        .body("arrived", equalTo(true));
                as("PCS-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(whistleAt(whistleId), nullValue());
                as("GTS-1")
                        .get(TASKS)
                        .then()
                        .statusCode(200)
                        .body(whistleAt(whistleId) + ".kind", equalTo("HARD_CASE"));
            } finally {
                cases.publish(CaseTypes.CLOSED, construction.status("CLOSED", null));
            }
        }
    }

    @Test
    @DisplayName(
            "anyone who is not department staff is refused with 403 NOT_DEPARTMENT_STAFF, and without a token with 401")
    void onlyDepartmentStaff() {
        for (var who :
                new String[] {"G07-2", "G07-1", DISPATCHER, "CC-DUTY_CHIEF-1", "CC-ADMIN-1"}) {
            as(who).get(TASKS).then().statusCode(403).body("code", equalTo("NOT_DEPARTMENT_STAFF"));
        }
        io.restassured.RestAssured.given().get(TASKS).then().statusCode(401);
    }
}
