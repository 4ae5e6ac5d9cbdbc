package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A grid worker's tasks on site ({@code GET /api/v1/my-tasks}) and their grids' outlines ({@code
 * GET /api/v1/my-grids}): scoped by the signed-in person's posts, so a grid's cases show to its own
 * workers and chief and to no worker of another grid, whatever they ask.
 */
@QuarkusTest
class MyTasksTest {

    private static final String WORKER = "G07-2";
    private static final String CHIEF = "G07-1";
    private static final String OTHER_WORKER = "G20-2";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName(
            "a case reported by the hotline in G07 waits to be verified by G07's worker and chief, and not by another grid's worker")
    void caseToVerifyShowsInItsGridOnly() {
        var caseId = hotlineReport("路灯不亮 my-tasks verify");

        as(WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("grids", equalTo(java.util.List.of("G07")))
                .body("verify.id", hasItem(caseId))
                .body("verify.find { it.id == '" + caseId + "' }.gridCode", equalTo("G07"))
                .body("verify.find { it.id == '" + caseId + "' }.status", equalTo("REPORTED"))
                .body("check.id", not(hasItem(caseId)))
                .body("open.gridCode", everyItem(equalTo("G07")))
                .body("openTotal", greaterThanOrEqualTo(1));
        as(CHIEF)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("verify.id", hasItem(caseId));
        as(OTHER_WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("grids", equalTo(java.util.List.of("G20")))
                .body("verify.id", not(hasItem(caseId)))
                .body("open.id", not(hasItem(caseId)))
                .body("open.gridCode", everyItem(equalTo("G20")));

        command(caseId, "verify", WORKER, "\"commandId\":\"" + UUID.randomUUID() + "\"")
                .then()
                .statusCode(200);
        as(WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("verify.id", not(hasItem(caseId)));
    }

    @Test
    @DisplayName(
            "a result submitted for a case in G07 waits to be checked by G07's worker, and leaves the list once checked")
    void resultToCheckShowsInItsGridOnly() {
        String caseId =
                as(WORKER)
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"source\":\"GRID_WORKER\",\"category\":\"0104\","
                                        + "\"description\":\"占道 my-tasks check\",\"longitude\":119.1652,\"latitude\":35.0041}")
                        .when()
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G07"))
                        .extract()
                        .path("id");
        command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
            awaitStatus(caseId, "DISPATCHED");
            dispatch.departmentAccepted(caseId, "ZHZF");
            awaitStatus(caseId, "HANDLING");
        }
        command(caseId, "result", "ZHZF-1", "\"note\":\"cleared\"").then().statusCode(200);

        as(WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("check.id", hasItem(caseId))
                .body("check.find { it.id == '" + caseId + "' }.step", equalTo("CHECK"))
                .body("verify.id", not(hasItem(caseId)));
        as(OTHER_WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("check.id", not(hasItem(caseId)));

        command(caseId, "check", WORKER, "\"passed\":true").then().statusCode(200);
        as(WORKER)
                .when()
                .get("/api/v1/my-tasks")
                .then()
                .statusCode(200)
                .body("check.id", not(hasItem(caseId)))
                .body("open.id", not(hasItem(caseId))); // closed now
    }

    @Test
    @DisplayName(
            "my grids are the outlines of the grids where I hold a post, drawn by grid-service")
    void myGridsAreTheOutlinesOfMyPosts() {
        as(WORKER)
                .accept("application/geo+json")
                .when()
                .get("/api/v1/my-grids")
                .then()
                .statusCode(200)
                .body("type", equalTo("FeatureCollection"))
                .body("features.properties.code", equalTo(java.util.List.of("G07")))
                .body("features[0].geometry.type", equalTo("Polygon"));
        as(OTHER_WORKER)
                .accept("application/geo+json")
                .when()
                .get("/api/v1/my-grids")
                .then()
                .statusCode(200)
                .body("features.properties.code", equalTo(java.util.List.of("G20")));
    }

    @Test
    @DisplayName("people without a grid post have no tasks on site: 403 NOT_FOR_YOUR_ROLE")
    void noGridPostNoTasks() {
        for (var staff : new String[] {"CC-DISPATCHER-1", "ZHZF-1", "CC-ADMIN-1"}) {
            as(staff)
                    .when()
                    .get("/api/v1/my-tasks")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
            as(staff)
                    .when()
                    .get("/api/v1/my-grids")
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        }
    }

    /**
     * A citizen's call taken at the desk about a place in G07: it waits for verification on site.
     */
    private static String hotlineReport(String description) {
        return as("CC-DISPATCHER-1")
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\""
                                + UUID.randomUUID()
                                + "\",\"source\":\"HOTLINE\",\"category\":\"0104\","
                                + "\"description\":\""
                                + description
                                + "\",\"longitude\":119.1662,\"latitude\":35.0049}")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("gridCode", equalTo("G07"))
                .body("status", equalTo("REPORTED"))
                .extract()
                .path("id");
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                as("CC-DUTY_CHIEF-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .body("status", equalTo(status)));
    }
}
