package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Monday meeting: indicators by department for a period, as JSON and as CSV. */
@QuarkusTest
class KpiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName("a week with a case reworked once and a case sent back shows in rework and accurate dispatch, by department")
    void indicatorsByDepartment() {
        var from = Instant.now().minusSeconds(1);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            var reworked = acceptedCase();
            dispatch.routed(reworked, "DEPARTMENT", "KPI-A");
            awaitStatus(reworked, "DISPATCHED");
            dispatch.departmentAccepted(reworked, "KPI-A");
            awaitStatus(reworked, "HANDLING");
            result(reworked, "KPI-A");
            command(reworked, "check", "{\"role\":\"GRID_WORKER\"}", ",\"passed\":false,\"note\":\"not done\"").then().statusCode(200);
            result(reworked, "KPI-A");
            command(reworked, "check", "{\"role\":\"GRID_WORKER\"}", ",\"passed\":true").then().statusCode(200);
            command(reworked, "evaluation", "{\"role\":\"REPORTER\"}", ",\"satisfaction\":5").then().statusCode(200);

            var sentBack = acceptedCase();
            dispatch.routed(sentBack, "DEPARTMENT", "KPI-B");
            awaitStatus(sentBack, "DISPATCHED");
            dispatch.sentBack(sentBack, "KPI-B", "not ours");
            awaitStatus(sentBack, "ACCEPTED");
            dispatch.routed(sentBack, "DEPARTMENT", "KPI-A");
            awaitStatus(sentBack, "DISPATCHED");
            dispatch.departmentAccepted(sentBack, "KPI-A");
            awaitStatus(sentBack, "HANDLING");
            result(sentBack, "KPI-A");
            command(sentBack, "check", "{\"role\":\"GRID_WORKER\"}", ",\"passed\":true").then().statusCode(200);
            command(sentBack, "evaluation", "{\"role\":\"REPORTER\"}", ",\"satisfaction\":2").then().statusCode(200);
        }
        var to = Instant.now().plusSeconds(1);

        given().queryParam("from", from.toString().replace("Z", "+00:00")).queryParam("to", to.toString().replace("Z", "+00:00"))
                .queryParam("by", "department")
                .when().get("/api/v1/kpis")
                .then().statusCode(200)
                .body("find { it.counts.unit == 'KPI-A' }.counts.closed", equalTo(2))
                .body("find { it.counts.unit == 'KPI-A' }.reworkRate", equalTo(0.5f))
                .body("find { it.counts.unit == 'KPI-A' }.accurateDispatchRate", equalTo(0.5f))
                .body("find { it.counts.unit == 'KPI-A' }.satisfactionRate", equalTo(0.5f))
                .body("find { it.counts.unit == 'KPI-A' }.counts.averageSatisfaction", equalTo(3.5f));
        given().queryParam("from", from.toString().replace("Z", "+00:00")).queryParam("to", to.toString().replace("Z", "+00:00"))
                .queryParam("by", "department").queryParam("format", "csv")
                .when().get("/api/v1/kpis")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .body(startsWith("unit,reported,answered"))
                .body(containsString("\"KPI-A\","));
    }

    @Test
    @DisplayName("an unknown grouping or an unreadable day is a 400 naming the field")
    void badPeriod() {
        given().queryParam("from", "2026-11-16").queryParam("to", "2026-11-23").queryParam("by", "planet")
                .when().get("/api/v1/kpis").then().statusCode(400).body("field", equalTo("by"));
        given().queryParam("from", "last monday").queryParam("to", "2026-11-23")
                .when().get("/api/v1/kpis").then().statusCode(400).body("field", equalTo("from"));
    }

    private static String acceptedCase() {
        String caseId = given().contentType(ContentType.JSON)
                .body("{\"reportId\":\"" + UUID.randomUUID() + "\",\"source\":\"GRID_WORKER\",\"category\":\"0104\","
                        + "\"description\":\"stall\",\"longitude\":119.14,\"latitude\":35.03}")
                .when().post("/api/v1/reports").then().statusCode(201).extract().path("id");
        command(caseId, "accept", "{\"role\":\"DUTY_CHIEF\"}", "").then().statusCode(200);
        return caseId;
    }

    private static void result(String caseId, String department) {
        command(caseId, "result", "{\"role\":\"DEPARTMENT_STAFF\",\"departmentCode\":\"" + department + "\"}", ",\"note\":\"done\"")
                .then().statusCode(200);
    }

    private static io.restassured.response.Response command(String caseId, String command, String actor, String fields) {
        return given().contentType(ContentType.JSON).body("{\"actor\":" + actor + fields + "}")
                .when().post("/api/v1/cases/" + caseId + "/" + command);
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/v1/cases/" + caseId)
                .then().body("status", equalTo(status)));
    }
}
