package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One API style: a case is named by its number or its id on every endpoint; a malformed reference
 * is a 400 naming the parameter, an unknown one a 404; no error shows the name of a Java class.
 */
@QuarkusTest
class ApiStyleTest {

    @Test
    @DisplayName(
            "a malformed case reference is 400 naming it, a well-formed unknown one is 404, by number or by id")
    void caseReferences() {
        for (var path : List.of("/api/v1/cases/2026-12", "/api/v1/cases/not-a-case/timeline")) {
            noClassNames(as("CC-DUTY_CHIEF-1").when().get(path))
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_CASE_REF"))
                    .body("field", equalTo("case"));
        }
        noClassNames(command("garbage", "accept", "CC-DUTY_CHIEF-1", ""))
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_CASE_REF"));
        noClassNames(as("CC-DUTY_CHIEF-1").when().get("/api/v1/cases/2026-999999999"))
                .then()
                .statusCode(404)
                .body("code", equalTo("CASE_NOT_FOUND"));
        noClassNames(
                        as("CC-DUTY_CHIEF-1")
                                .when()
                                .get("/api/v1/cases/6b0f1bd4-94a4-4b8e-8b1e-1f1f1f1f1f1f"))
                .then()
                .statusCode(404)
                .body("code", equalTo("CASE_NOT_FOUND"));
    }

    @Test
    @DisplayName("a merge into a malformed case names the field intoCase")
    void mergeTargetReference() {
        var caseId =
                as("G07-2")
                        .contentType("application/json")
                        .body(
                                "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"0104\",\"description\":\"stall\",\"longitude\":119.164,\"latitude\":35.003}"
                                        .formatted(java.util.UUID.randomUUID()))
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("id");
        noClassNames(command(caseId, "merge", "CC-DUTY_CHIEF-1", "\"intoCase\":\"2026-x\""))
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_CASE_REF"))
                .body("field", equalTo("intoCase"));
    }

    @Test
    @DisplayName(
            "malformed ids of reports, photos, requests and api keys are 400 naming the parameter, not 404")
    void otherIds() {
        noClassNames(as("G07-2").when().get("/api/v1/cases/by-report/123"))
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_ID"))
                .body("field", equalTo("reportId"));
        noClassNames(as("G07-2").when().get("/api/v1/photos/abc"))
                .then()
                .statusCode(400)
                .body("field", equalTo("id"));
        noClassNames(as("CC-ADMIN-1").when().delete("/api/v1/open311-keys/abc"))
                .then()
                .statusCode(400)
                .body("field", equalTo("id"));
        noClassNames(
                        command(
                                "2026-000001",
                                "approval-requests/xyz/decision",
                                "CC-SUPERVISOR-1",
                                "\"approved\":true"))
                .then()
                .statusCode(400)
                .body("field", equalTo("requestId"));
    }

    @Test
    @DisplayName(
            "framework refusals (no such path, wrong method, wrong query type) are JSON without class names")
    void frameworkRefusals() {
        noClassNames(as("G07-2").when().get("/api/v1/no-such-thing")).then().statusCode(404);
        noClassNames(as("G07-2").when().delete("/api/v1/categories")).then().statusCode(405);
        noClassNames(as("CC-LEADER-1").when().get("/api/v1/indicators?from=yesterday&to=today"))
                .then()
                .statusCode(400);
        noClassNames(
                        as("G07-2")
                                .contentType("application/json")
                                .body("{\"reportId\":42,\"longitude\":\"east\"}")
                                .when()
                                .post("/api/v1/reports"))
                .then()
                .statusCode(400);
    }

    private static Response noClassNames(Response response) {
        response.then()
                .contentType(containsString("json"))
                .body(not(containsString("java.")))
                .body(not(containsString("Exception")))
                .body(not(containsString("cn.gridgov")))
                .body(not(containsString("jakarta.")));
        return response;
    }
}
