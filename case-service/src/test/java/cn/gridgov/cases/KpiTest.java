package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Monday meeting: indicators by department for a period, as JSON and as CSV, for the command
 * center, supervisors, leaders and administrators. Two departments that no other test of the
 * module routes to (the market regulator SCJG, the port authority GKJ) play the week's handlers.
 */
@QuarkusTest
class KpiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName("a week with a case reworked once and a case sent back shows in rework, and in accurate dispatch of the department that sent it back")
    void indicatorsByDepartment() {
        var from = Instant.now().minusSeconds(1);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            var reworked = acceptedCase();
            dispatch.routed(reworked, "DEPARTMENT", "SCJG");
            awaitRouted(reworked, "SCJG");
            dispatch.departmentAccepted(reworked, "SCJG");
            awaitStatus(reworked, "HANDLING");
            result(reworked, "SCJG");
            command(reworked, "check", "G07-2", "\"passed\":false,\"note\":\"not done\"").then().statusCode(200);
            result(reworked, "SCJG");
            command(reworked, "check", "G07-2", "\"passed\":true").then().statusCode(200);
            command(reworked, "evaluation", "G07-2", "\"satisfaction\":5").then().statusCode(200);

            var sentBack = acceptedCase();
            dispatch.routed(sentBack, "DEPARTMENT", "GKJ");
            awaitStatus(sentBack, "DISPATCHED");
            dispatch.sentBack(sentBack, "GKJ", "not ours");
            awaitStatus(sentBack, "ACCEPTED");
            dispatch.routed(sentBack, "DEPARTMENT", "SCJG");
            awaitRouted(sentBack, "SCJG");
            dispatch.departmentAccepted(sentBack, "SCJG");
            awaitStatus(sentBack, "HANDLING");
            result(sentBack, "SCJG");
            command(sentBack, "check", "G07-2", "\"passed\":true").then().statusCode(200);
            command(sentBack, "evaluation", "G07-2", "\"satisfaction\":2").then().statusCode(200);
        }
        var to = Instant.now().plusSeconds(1);

        as("G07-2").queryParam("from", from.toString().replace("Z", "+00:00")).queryParam("to", to.toString().replace("Z", "+00:00"))
                .queryParam("by", "department")
                .when().get("/api/v1/kpis")
                .then().statusCode(403).body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as("CC-LEADER-1").queryParam("from", from.toString().replace("Z", "+00:00")).queryParam("to", to.toString().replace("Z", "+00:00"))
                .queryParam("by", "department")
                .when().get("/api/v1/kpis")
                .then().statusCode(200)
                .body("find { it.counts.unit == 'SCJG' }.counts.closed", equalTo(2))
                .body("find { it.counts.unit == 'SCJG' }.reworkRate", equalTo(0.5f))
                .body("find { it.counts.unit == 'SCJG' }.counts.dispatched", equalTo(2))
                .body("find { it.counts.unit == 'SCJG' }.accurateDispatchRate", equalTo(1.0f))
                .body("find { it.counts.unit == 'GKJ' }.counts.dispatched", equalTo(1))
                .body("find { it.counts.unit == 'GKJ' }.accurateDispatchRate", equalTo(0.0f))
                .body("find { it.counts.unit == 'SCJG' }.satisfactionRate", equalTo(0.5f))
                .body("find { it.counts.unit == 'SCJG' }.counts.averageSatisfaction", equalTo(3.5f));
        as("CC-SUPERVISOR-1").queryParam("from", from.toString().replace("Z", "+00:00")).queryParam("to", to.toString().replace("Z", "+00:00"))
                .queryParam("by", "department").queryParam("format", "csv")
                .when().get("/api/v1/kpis")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("unit,reported,answered"))
                .body(containsString("\"SCJG\","));
    }

    @Test
    @DisplayName("department staff read their own department's indicators and no other's, and not the grids'")
    void departmentStaffReadTheirOwnRow() {
        // Emergency management (YJJ) and water (SWJ), which no other test of the module routes to: the
        // week's other test charges SCJG and GKJ.
        var from = Instant.now().minusSeconds(1);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            var handled = acceptedCase();
            dispatch.routed(handled, "DEPARTMENT", "YJJ");
            awaitRouted(handled, "YJJ");
            var sentBack = acceptedCase();
            dispatch.routed(sentBack, "DEPARTMENT", "SWJ");
            awaitStatus(sentBack, "DISPATCHED");
            dispatch.sentBack(sentBack, "SWJ", "not ours");
            awaitStatus(sentBack, "ACCEPTED");
        }
        var to = Instant.now().plusSeconds(1);
        var period = new String[] {from.toString().replace("Z", "+00:00"), to.toString().replace("Z", "+00:00")};

        as("CC-LEADER-1").queryParam("from", period[0]).queryParam("to", period[1]).queryParam("by", "department")
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("find { it.counts.unit == 'YJJ' }.counts.dispatched", equalTo(1))
                .body("find { it.counts.unit == 'SWJ' }.counts.dispatched", equalTo(1));
        as("YJJ-2").queryParam("from", period[0]).queryParam("to", period[1]).queryParam("by", "department")
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].counts.unit", equalTo("YJJ")).body("[0].counts.dispatched", equalTo(1));
        as("SWJ-1").queryParam("from", period[0]).queryParam("to", period[1]).queryParam("by", "department")
                .when().get("/api/v1/kpis").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].counts.unit", equalTo("SWJ"))
                .body("[0].accurateDispatchRate", equalTo(0.0f));
        as("SWJ-1").queryParam("from", period[0]).queryParam("to", period[1]).queryParam("by", "department")
                .queryParam("format", "csv").when().get("/api/v1/kpis").then().statusCode(200)
                .body(containsString("\"SWJ\",")).body(not(containsString("\"YJJ\",")));
        as("YJJ-2").queryParam("from", period[0]).queryParam("to", period[1]).queryParam("by", "grid")
                .when().get("/api/v1/kpis").then().statusCode(403).body("code", equalTo("OWN_DEPARTMENT_ONLY"));
    }

    @Test
    @DisplayName("an unknown grouping or an unreadable day is a 400 naming the field")
    void badPeriod() {
        as("CC-DUTY_CHIEF-1").queryParam("from", "2026-11-16").queryParam("to", "2026-11-23").queryParam("by", "planet")
                .when().get("/api/v1/kpis").then().statusCode(400).body("field", equalTo("by"));
        as("CC-DUTY_CHIEF-1").queryParam("from", "last monday").queryParam("to", "2026-11-23")
                .when().get("/api/v1/kpis").then().statusCode(400).body("field", equalTo("from"));
    }

    /** A case G07's grid worker reports in G07, accepted by the duty chief. */
    private static String acceptedCase() {
        String caseId = as("G07-2").contentType(ContentType.JSON)
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"source\":\"GRID_WORKER\",\"category\":\"0104\","
                        + "\"description\":\"stall\",\"longitude\":119.164,\"latitude\":35.003}")
                .when().post("/api/v1/reports").then().statusCode(201).extract().path("id");
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        return caseId;
    }

    /** The result, submitted by the staff of the department that leads the case. */
    private static void result(String caseId, String department) {
        command(caseId, "result", department + "-1", "\"note\":\"done\"").then().statusCode(200);
    }

    private static void awaitRouted(String caseId, String department) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("CC-DUTY_CHIEF-1").when().get("/api/v1/cases/" + caseId)
                .then().body("status", equalTo("DISPATCHED")).body("routing.departmentCode", equalTo(department)));
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("CC-DUTY_CHIEF-1").when().get("/api/v1/cases/" + caseId)
                .then().body("status", equalTo(status)));
    }
}
