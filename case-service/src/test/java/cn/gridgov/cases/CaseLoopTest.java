package cn.gridgov.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.gridgov.cases.messaging.Topics;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The eight-step loop through the API, with dispatch-service's side played on the real Kafka
 * topic by {@link DispatchDesk}. grid-service is not running here: cases keep no grid.
 */
@QuarkusTest
class CaseLoopTest {

    /** The smallest valid PNG, so tests upload a real image. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = Topics.CASE_EVENTS_CONFIG)
    String caseEventsTopic;

    @Inject
    AgroalDataSource dataSource;

    private DispatchDesk dispatch;

    @BeforeEach
    void openDesk() {
        dispatch = new DispatchDesk(bootstrap);
    }

    @AfterEach
    void closeDesk() {
        dispatch.close();
    }

    @Test
    @DisplayName("a missing manhole cover runs the whole loop: accepted urgent, dispatched, reworked once, closed, evaluated")
    void manholeCoverRunsTheLoop() {
        var photo = uploadPhoto();
        var caseId = report("GRID_WORKER", "wang", "0101", 119.165, 35.004, "井盖缺失");

        command(caseId, "accept", actor("chen", "DUTY_CHIEF", null), "\"urgency\":\"URGENT\"")
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("urgency", equalTo("URGENT"))
                .body("clock.step", equalTo("DISPATCH"));

        dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZHZF");
        awaitStatus(caseId, "HANDLING");

        command(caseId, "result", actor("li", "DEPARTMENT_STAFF", "ZJJ"), "\"note\":\"done\"")
                .then().statusCode(403).body("code", equalTo("NOT_THE_HANDLER"));
        command(caseId, "result", actor("zhao", "DEPARTMENT_STAFF", "ZHZF"),
                "\"note\":\"cover replaced\",\"photoIds\":[\"" + photo + "\"]")
                .then().statusCode(200).body("status", equalTo("RESULT_SUBMITTED")).body("clock.step", equalTo("CHECK"));
        var rework = UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) { // the phone resends the same check
            command(caseId, "check", actor("wang", "GRID_WORKER", null),
                    "\"commandId\":\"" + rework + "\",\"passed\":false,\"note\":\"wrong size\"")
                    .then().statusCode(200).body("status", equalTo("HANDLING")).body("record.reworkCount", equalTo(1));
        }
        command(caseId, "result", actor("zhao", "DEPARTMENT_STAFF", "ZHZF"), "\"note\":\"right size fitted\"")
                .then().statusCode(200);
        command(caseId, "check", actor("wang", "GRID_WORKER", null), "\"passed\":true")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        command(caseId, "evaluation", actor(null, "REPORTER", null), "\"satisfaction\":5")
                .then().statusCode(200).body("status", equalTo("EVALUATED")).body("satisfaction", equalTo(5));

        // Status changes only: a dispatch-service running beside the tests may add notes of its own.
        given().when().get("/api/v1/cases/" + caseId + "/timeline").then().statusCode(200)
                .body("findAll { it.fromStatus != it.toStatus }.action", contains("REPORTED", "VERIFIED", "ACCEPTED", "DISPATCHED", "DEPARTMENT_ACCEPTED",
                        "RESULT_SUBMITTED", "REWORK", "RESULT_SUBMITTED", "CLOSED", "EVALUATED"))
                .body("find { it.action == 'RESULT_SUBMITTED' }.photoIds", contains(photo))
                .body("find { it.action == 'RESULT_SUBMITTED' }.departmentCode", equalTo("ZHZF"));
        given().when().get("/api/v1/cases/" + caseId + "/timeline/verification").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    @DisplayName("a command from the wrong step is a 409 that says where the case is, and the wrong role a 403")
    void wrongStepAndWrongRoleAreRefused() {
        var caseId = report("CITIZEN", "citizen-1", "0104", 119.131, 35.011, "street vending");

        command(caseId, "accept", actor("chen", "DUTY_CHIEF", null), "")
                .then().statusCode(409).body("code", equalTo("WRONG_STEP")).body("message", containsString("REPORTED"));
        command(caseId, "verify", actor("chen", "DUTY_CHIEF", null), "")
                .then().statusCode(403).body("code", equalTo("ROLE_NOT_ALLOWED"));
        command(caseId, "verify", actor("wang", "GRID_WORKER", null), "").then().statusCode(200)
                .body("status", equalTo("VERIFIED"));
    }

    @Test
    @DisplayName("a department's send-back returns the case to dispatch and counts against accurate dispatch")
    void sendBackReturnsTheCase() {
        var caseId = acceptedCase("0501");
        dispatch.routed(caseId, "DEPARTMENT", "JD-S1");
        awaitStatus(caseId, "DISPATCHED");

        dispatch.sentBack(caseId, "JD-S1", "licences of companies belong to the district market regulator");
        awaitStatus(caseId, "ACCEPTED");
        dispatch.routed(caseId, "DEPARTMENT", "SCJG");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/v1/cases/" + caseId)
                .then().body("status", equalTo("DISPATCHED")).body("routing.departmentCode", equalTo("SCJG"))
                .body("record.sendBackCount", equalTo(1)));
    }

    @Test
    @DisplayName("a dispute routed to the grid is handled there, and its grid chief submits the result")
    void solvedInTheGrid() {
        var caseId = acceptedCase("0201");
        dispatch.routed(caseId, "IN_GRID", "GRID");
        awaitStatus(caseId, "HANDLING");

        command(caseId, "result", actor("zhao", "DEPARTMENT_STAFF", "ZHZF"), "\"note\":\"settled\"")
                .then().statusCode(403);
        command(caseId, "result", actor("liu", "GRID_CHIEF", null), "\"note\":\"settled on the spot\"")
                .then().statusCode(200).body("handlerKind", equalTo("GRID"));
    }

    @Test
    @DisplayName("an approved extension moves the deadline and turns the case green; a refused one leaves it")
    void extensionNeedsApproval() {
        var caseId = acceptedCase("0102");
        dispatch.routed(caseId, "DEPARTMENT", "ZJJ");
        awaitStatus(caseId, "DISPATCHED");
        dispatch.departmentAccepted(caseId, "ZJJ");
        awaitStatus(caseId, "HANDLING");
        String dueBefore = given().when().get("/api/v1/cases/" + caseId).then().extract().path("clock.dueAt");

        String refused = command(caseId, "extension-requests", actor("zhou", "DEPARTMENT_STAFF", "ZJJ"),
                "\"hours\":8,\"note\":\"asphalt plant closed\"").then().statusCode(200).extract().path("id");
        command(caseId, "approval-requests/" + refused + "/decision", actor("sun", "SUPERVISOR", null), "\"approved\":false")
                .then().statusCode(200).body("clock.dueAt", equalTo(dueBefore));

        String approved = command(caseId, "extension-requests", actor("zhou", "DEPARTMENT_STAFF", "ZJJ"),
                "\"hours\":16,\"note\":\"asphalt plant closed for two days\"").then().statusCode(200).extract().path("id");
        command(caseId, "approval-requests/" + approved + "/decision", actor("zhou", "DEPARTMENT_STAFF", "ZJJ"), "\"approved\":true")
                .then().statusCode(403);
        String dueAfter = command(caseId, "approval-requests/" + approved + "/decision", actor("sun", "SUPERVISOR", null),
                "\"approved\":true").then().statusCode(200).body("clock.color", equalTo("GREEN")).extract().path("clock.dueAt");

        assertThat(Instant.parse(dueAfter)).isAfter(Instant.parse(dueBefore));

        String second = command(caseId, "extension-requests", actor("zhou", "DEPARTMENT_STAFF", "ZJJ"),
                "\"hours\":8,\"note\":\"rain\"").then().statusCode(200).extract().path("id");
        String dueFinally = command(caseId, "approval-requests/" + second + "/decision", actor("sun", "SUPERVISOR", null),
                "\"approved\":true").then().statusCode(200).body("clock.color", equalTo("GREEN")).extract().path("clock.dueAt");
        assertThat(Instant.parse(dueFinally)).isAfter(Instant.parse(dueAfter));
    }

    @Test
    @DisplayName("a dispatcher's re-route to the grid before the department accepted hands the case to the grid")
    void rerouteToTheGrid() {
        var caseId = acceptedCase("0104");
        dispatch.routed(caseId, "DEPARTMENT", "ZHZF");
        awaitStatus(caseId, "DISPATCHED");

        dispatch.routed(caseId, "IN_GRID", "GRID");

        awaitStatus(caseId, "HANDLING");
        given().when().get("/api/v1/cases/" + caseId).then()
                .body("handlerKind", equalTo("GRID")).body("routing.departmentCode", equalTo("GRID"));
        command(caseId, "result", actor("liu", "GRID_CHIEF", null), "\"note\":\"cleared\"").then().statusCode(200);
    }

    @Test
    @DisplayName("a second report of the same pothole lists the first as a duplicate; merged, its reporter follows the first case")
    void duplicateIsMerged() {
        // A spot of its own, so open cases left by earlier runs are not nearer candidates.
        var lon = 100 + Math.random() * 20;
        var lat = 20 + Math.random() * 20;
        var first = report("CITIZEN", "citizen-a", "0102", lon, lat, "pothole");
        var secondReportId = UUID.randomUUID();
        var second = given().contentType(ContentType.JSON).body(reportBody(secondReportId, "CITIZEN", "citizen-b", "0102",
                        lon + 0.0002, lat + 0.0001, "a hole in the road"))
                .when().post("/api/v1/reports")
                .then().statusCode(201).body("possibleDuplicates.caseId", hasItem(first))
                .extract().<String>path("id");

        try (var caseEvents = new TopicTail(bootstrap, caseEventsTopic)) {
            command(second, "merge", actor("wang", "GRID_WORKER", null), "\"intoCase\":\"" + first + "\"")
                    .then().statusCode(200).body("status", equalTo("MERGED")).body("mergedInto", equalTo(first));

            var told = await().atMost(Duration.ofSeconds(20)).until(() -> caseEvents.forSubject(second).stream()
                    .filter(r -> r.event().path("type").asText().equals("case.reporter-notified")).toList(), list -> !list.isEmpty());
            assertThat(told.get(0).event().path("data").path("reportIds").toString()).contains(secondReportId.toString());
            assertThat(told.get(0).event().path("data").path("message").asText()).contains("并入");
        }

        given().when().get("/api/v1/cases/by-report/" + secondReportId).then().statusCode(200).body("id", equalTo(first));
        command(second, "merge", actor("wang", "GRID_WORKER", null), "\"intoCase\":\"" + second + "\"")
                .then().statusCode(400).body("code", equalTo("MERGE_INTO_ITSELF"));
    }

    @Test
    @DisplayName("a dispatch event delivered twice is applied once")
    void redeliveredEventIsAppliedOnce() {
        var caseId = acceptedCase("0501");
        dispatch.routed(caseId, "DEPARTMENT", "SCJG");
        awaitStatus(caseId, "DISPATCHED");
        var data = "{\"caseId\":\"%s\",\"departmentCode\":\"SCJG\",\"reason\":\"not ours\"}".formatted(caseId);
        var eventId = UUID.randomUUID().toString();

        dispatch.publishAs(eventId, caseId, "dispatch.sent-back", data);
        dispatch.publishAs(eventId, caseId, "dispatch.sent-back", data);
        dispatch.slaWarning(caseId, "DISPATCH", "YELLOW", "URGE", 1); // a later event, to know both copies were consumed

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/v1/cases/" + caseId + "/timeline")
                .then().body("action", hasItem("URGED")));
        given().when().get("/api/v1/cases/" + caseId).then().body("record.sendBackCount", equalTo(1))
                .body("status", equalTo("ACCEPTED"));
    }

    @Test
    @DisplayName("editing a timeline entry in the database is detected by verification")
    void tamperingIsDetected() throws Exception {
        var caseId = report("GRID_WORKER", "wang", "0104", 119.133, 35.013, "stall on the pavement");
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("update case_timeline set note = 'nothing here' where case_id = '" + caseId + "' and seq = 1");
        }

        given().when().get("/api/v1/cases/" + caseId + "/timeline/verification").then().statusCode(200)
                .body("valid", equalTo(false)).body("brokenAtSeq", equalTo(1));
    }

    @Test
    @DisplayName("photos are kept once by content; anything that is not an image, or too large, is refused")
    void photosAreChecked() {
        var first = uploadPhoto();
        assertThat(uploadPhoto()).isEqualTo(first);
        var oversized = java.util.Arrays.copyOf(PNG, 65_537); // tests allow 64 KiB
        given().multiPart("file", "huge.png", oversized, "image/png")
                .when().post("/api/v1/photos")
                .then().statusCode(413).body("code", equalTo("PHOTO_TOO_LARGE"));
        given().multiPart("file", "notes.txt", "just text".getBytes(), "image/png")
                .when().post("/api/v1/photos")
                .then().statusCode(415).body("code", equalTo("NOT_AN_IMAGE"));
        command(report("GRID_WORKER", "wang", "0104", 119.134, 35.014, "x"), "verify", actor("wang", "GRID_WORKER", null),
                "\"photoIds\":[\"" + UUID.randomUUID() + "\"]")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_PHOTO"));
    }

    @Test
    @DisplayName("the catalogue is served with each item's time limits, and an edit without every limit is refused")
    void catalogueIsEditable() {
        given().when().get("/api/v1/categories/0101").then().statusCode(200)
                .body("name", equalTo("井盖缺失")).body("timeLimits.URGENT.HANDLE", equalTo("2wh"));
        given().contentType(ContentType.JSON)
                .body("{\"sectionCode\":\"01\",\"name\":\"窨井异味\",\"defaultUrgency\":\"NORMAL\",\"timeLimits\":{\"NORMAL\":{\"HANDLE\":\"8wh\"}}}")
                .when().put("/api/v1/categories/0199")
                .then().statusCode(400).body("code", equalTo("TIME_LIMIT_MISSING"));
        given().when().get("/api/v1/categories").then().body("code", not(hasItem("0199")));
    }

    private String acceptedCase(String category) {
        var caseId = report("GRID_WORKER", "wang", category, 119.12 + Math.random() / 100, 35.02, "case of " + category);
        command(caseId, "accept", actor("chen", "DUTY_CHIEF", null), "").then().statusCode(200);
        return caseId;
    }

    private String report(String source, String reporter, String category, double lon, double lat, String description) {
        return given().contentType(ContentType.JSON)
                .body(reportBody(UUID.randomUUID(), source, reporter, category, lon, lat, description))
                .when().post("/api/v1/reports")
                .then().statusCode(201).extract().path("id");
    }

    private static String reportBody(UUID reportId, String source, String reporter, String category, double lon,
                                     double lat, String description) {
        return "{\"reportId\":\"%s\",\"source\":\"%s\",\"reporterId\":\"%s\",\"category\":\"%s\",\"description\":\"%s\",\"longitude\":%s,\"latitude\":%s}"
                .formatted(reportId, source, reporter, category, description, lon, lat);
    }

    private static String actor(String staffId, String role, String department) {
        return "{\"staffId\":%s,\"role\":\"%s\",\"departmentCode\":%s}".formatted(
                staffId == null ? "null" : "\"" + staffId + "\"", role, department == null ? "null" : "\"" + department + "\"");
    }

    private static io.restassured.response.Response command(String caseId, String command, String actor, String fields) {
        return given().contentType(ContentType.JSON)
                .body("{\"actor\":" + actor + (fields.isEmpty() ? "" : "," + fields) + "}")
                .when().post("/api/v1/cases/" + caseId + "/" + command);
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().when().get("/api/v1/cases/" + caseId)
                .then().body("status", equalTo(status)));
    }

    private static String uploadPhoto() {
        return given().multiPart("file", "cover.png", PNG, "image/png")
                .when().post("/api/v1/photos")
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201))).extract().path("id");
    }
}
