package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 考核评价 on {@link SmallTown}'s day, every indicator against answers worked out by hand from the
 * story (the counts first, then the rates, scores and grades they make). Reports name the default
 * score schemes' versions (1 grids, 2 departments, 3 staff), so a new version made meanwhile
 * changes nothing here.
 */
@QuarkusTest
class EvaluationTest {

    private static final String DAY = SmallTown.DAY.toString();
    private static final String NEXT_DAY = SmallTown.DAY.plusDays(1).toString();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void theDayIsTold() {
        try (var town = new SmallTown(bootstrap)) {
            town.tellTheCases();
            // A whistle's department counts for the case's grid, which the case's events tell
            // first.
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () ->
                                    report("grid", "D01-S1", 1)
                                            .body(
                                                    "lines.find { it.unit == 'G03' }.counts.verified",
                                                    equalTo(1))
                                            .body(
                                                    "lines.find { it.unit == 'G01' }.counts.evaluated",
                                                    equalTo(2)));
            town.blowTheWhistle();
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () ->
                                    report("grid", "D01-S1", 1)
                                            .body(
                                                    "lines.find { it.unit == 'G01' }.counts.summoned",
                                                    equalTo(2))
                                            .body(
                                                    "lines.find { it.unit == 'G01' }.counts.onDutyOnTime",
                                                    equalTo(1)));
        }
    }

    @Test
    @DisplayName(
            "every grid's sixteen indicators, scores, grades and ranks are those worked out by hand, and the area's total is their sum")
    void grids() {
        var g01 = "lines.find { it.unit == 'G01' }.";
        report("grid", "D01-S1", 1)
                .body("schemeVersion", equalTo(1))
                // G01: cases 1 and 2, three dispatches, the whistle's two summons.
                .body(g01 + "counts.reported", equalTo(2))
                .body(g01 + "counts.accepted", equalTo(2))
                .body(g01 + "indicators.closureRate", equalTo(1.0f))
                .body(g01 + "indicators.onTimeClosureRate", equalTo(0.5f))
                .body(g01 + "indicators.handlingRate", equalTo(1.0f))
                .body(g01 + "indicators.onTimeHandlingRate", equalTo(0.5f))
                .body(g01 + "indicators.reworkRate", equalTo(0.5f))
                .body(g01 + "indicators.onTimeDispatchRate", equalTo(0.6667f))
                .body(g01 + "indicators.accurateDispatchRate", equalTo(0.6667f))
                .body(g01 + "indicators.onTimeAcceptanceRate", equalTo(0.5f))
                .body(g01 + "indicators.accurateAcceptanceRate", equalTo(0.5f))
                .body(g01 + "indicators.validReportRate", equalTo(1.0f))
                .body(g01 + "indicators.onTimeVerificationRate", equalTo(1.0f))
                .body(g01 + "indicators.onTimeCheckRate", equalTo(0.6667f))
                .body(g01 + "indicators.solvedInGridRate", equalTo(0.0f))
                .body(g01 + "indicators.answeredRate", equalTo(1.0f))
                .body(g01 + "indicators.whistleOnTimeRate", equalTo(0.5f))
                .body(g01 + "indicators.satisfactionRate", equalTo(0.5f))
                .body(g01 + "averageSatisfaction", equalTo(3.5f))
                // 30×50 + 20×0 + 15×100 + 15×100 + 10×66.67 + 10×50 = 5666.7, over 100 weights.
                .body(g01 + "score", equalTo(56.7f))
                .body(g01 + "grade", equalTo("D"))
                .body(g01 + "rank", equalTo(2))
                // G02: case 3 handled in the grid, case 4 rejected; no verification or evaluation,
                // so their
                // weights (15 + 10) leave the score: (30×100 + 20×100 + 15×100 + 10×100) / 75.
                .body("lines.find { it.unit == 'G02' }.indicators.validReportRate", equalTo(0.5f))
                .body("lines.find { it.unit == 'G02' }.indicators.solvedInGridRate", equalTo(1.0f))
                .body("lines.find { it.unit == 'G02' }.indicators.reworkRate", equalTo(0.0f))
                .body("lines.find { it.unit == 'G02' }.indicators.onTimeDispatchRate", nullValue())
                .body("lines.find { it.unit == 'G02' }.score", equalTo(100.0f))
                .body("lines.find { it.unit == 'G02' }.grade", equalTo("A"))
                .body("lines.find { it.unit == 'G02' }.rank", equalTo(1))
                // G03: case 5 merged, case 6 verified late and unanswered: (15×50 + 15×0) / 30.
                .body("lines.find { it.unit == 'G03' }.indicators.answeredRate", equalTo(0.5f))
                .body("lines.find { it.unit == 'G03' }.indicators.validReportRate", equalTo(0.0f))
                .body(
                        "lines.find { it.unit == 'G03' }.indicators.onTimeVerificationRate",
                        equalTo(0.0f))
                .body("lines.find { it.unit == 'G03' }.indicators.closureRate", nullValue())
                .body("lines.find { it.unit == 'G03' }.score", equalTo(25.0f))
                .body("lines.find { it.unit == 'G03' }.grade", equalTo("E"))
                .body("lines.find { it.unit == 'G03' }.rank", equalTo(3))
                // The street: six reports, five answered; three accepted, two of them closed on
                // time.
                .body("total.unit", equalTo("D01-S1"))
                .body("total.counts.reported", equalTo(6))
                .body("total.counts.answered", equalTo(5))
                .body("total.indicators.answeredRate", equalTo(0.8333f))
                .body("total.indicators.onTimeClosureRate", equalTo(0.6667f))
                .body("total.indicators.validReportRate", equalTo(0.6f))
                .body("total.indicators.onTimeCheckRate", equalTo(0.75f))
                .body("total.score", equalTo(59.2f))
                .body("total.grade", equalTo("D"));
    }

    @Test
    @DisplayName("a street's communities are the sums of their grids")
    void communities() {
        report("area", "D01-S1", 1)
                .body("lines.find { it.unit == 'D01-S1-C1' }.counts.reported", equalTo(4))
                .body(
                        "lines.find { it.unit == 'D01-S1-C1' }.indicators.onTimeCheckRate",
                        equalTo(0.75f))
                // 30×66.67 + 20×33.33 + 15×100 + 15×100 + 10×75 + 10×50 = 6916.7
                .body("lines.find { it.unit == 'D01-S1-C1' }.score", equalTo(69.2f))
                .body("lines.find { it.unit == 'D01-S1-C1' }.grade", equalTo("C"))
                .body("lines.find { it.unit == 'D01-S1-C2' }.score", equalTo(25.0f));
    }

    @Test
    @DisplayName(
            "departments are charged their dispatches, send-backs and whistles, and ranked under the departments' scheme")
    void departments() {
        as("CC-LEADER-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", "department")
                .queryParam("scheme", 2)
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(200)
                .body("lines.find { it.unit == 'TDA' }.counts.dispatched", equalTo(2))
                .body(
                        "lines.find { it.unit == 'TDA' }.indicators.onTimeDispatchRate",
                        equalTo(0.5f))
                .body(
                        "lines.find { it.unit == 'TDA' }.indicators.accurateDispatchRate",
                        equalTo(1.0f))
                .body("lines.find { it.unit == 'TDA' }.indicators.whistleOnTimeRate", equalTo(1.0f))
                .body("lines.find { it.unit == 'TDA' }.indicators.reworkRate", equalTo(0.5f))
                // 30×50 + 20×50 + 15×(100-50) + 15×100 + 10×100 + 10×50 = 6250
                .body("lines.find { it.unit == 'TDA' }.score", equalTo(62.5f))
                .body("lines.find { it.unit == 'TDA' }.grade", equalTo("C"))
                .body(
                        "lines.find { it.unit == 'TDB' }.indicators.accurateDispatchRate",
                        equalTo(0.0f))
                .body("lines.find { it.unit == 'TDB' }.indicators.whistleOnTimeRate", equalTo(0.0f))
                .body("lines.find { it.unit == 'TDB' }.score", equalTo(0.0f))
                .body("lines.find { it.unit == 'TDB' }.grade", equalTo("E"));
    }

    @Test
    @DisplayName("staff, roles, categories and sources are charged the acts they did or made")
    void staffRolesCategoriesSources() {
        slice("staff", 3)
                .body("lines.find { it.unit == 'T-W1' }.score", equalTo(100.0f))
                .body("lines.find { it.unit == 'T-W1' }.rank", equalTo(1))
                .body("lines.find { it.unit == 'T-CIT' }.indicators.validReportRate", equalTo(0.5f))
                .body("lines.find { it.unit == 'T-CIT' }.score", equalTo(50.0f))
                .body(
                        "lines.find { it.unit == 'T-W2' }.indicators.onTimeCheckRate",
                        equalTo(0.6667f))
                .body("lines.find { it.unit == 'T-W2' }.score", equalTo(20.0f))
                .body("lines.find { it.unit == 'T-W2' }.grade", equalTo("E"))
                .body(
                        "lines.find { it.unit == 'T-DC' }.indicators.onTimeAcceptanceRate",
                        equalTo(0.6667f))
                .body("lines.find { it.unit == 'T-DC' }.score", nullValue())
                .body("lines.find { it.unit == 'T-DSP' }.counts.dispatched", equalTo(3))
                .body("lines.find { it.unit == 'TDB-1' }.counts.summoned", equalTo(1));
        slice("role", null)
                .body("schemeVersion", nullValue())
                .body(
                        "lines.find { it.unit == 'GRID_WORKER' }.indicators.validReportRate",
                        equalTo(0.6667f))
                .body("lines.find { it.unit == 'DUTY_CHIEF' }.counts.accepted", equalTo(3));
        slice("category", null)
                .body("lines.find { it.unit == '0101' }.counts.reported", equalTo(4))
                .body("lines.find { it.unit == '0101' }.indicators.answeredRate", equalTo(0.75f))
                .body(
                        "lines.find { it.unit == '0202' }.indicators.solvedInGridRate",
                        equalTo(1.0f));
        slice("source", null)
                .body(
                        "lines.find { it.unit == 'CITIZEN' }.indicators.answeredRate",
                        equalTo(0.6667f))
                .body(
                        "lines.find { it.unit == 'GRID_WORKER' }.indicators.answeredRate",
                        equalTo(1.0f));
    }

    @Test
    @DisplayName("a ranking comes as CSV and as an Excel workbook with the same figures")
    void exports() throws Exception {
        as("CC-SUPERVISOR-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", "grid")
                .queryParam("area", "D01-S1")
                .queryParam("scheme", 1)
                .queryParam("format", "csv")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .body(startsWith("\uFEFFrank,unit,score,grade,\"closureRate 结案率\""))
                .body(org.hamcrest.Matchers.containsString("\n1,G02,100.0,A,"));
        var bytes =
                as("CC-SUPERVISOR-1")
                        .queryParam("from", DAY)
                        .queryParam("to", NEXT_DAY)
                        .queryParam("by", "grid")
                        .queryParam("area", "D01-S1")
                        .queryParam("scheme", 1)
                        .queryParam("format", "xlsx")
                        .when()
                        .get("/api/v1/indicators")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = workbook.getSheetAt(0);
            assertEquals("unit", sheet.getRow(0).getCell(1).getStringCellValue());
            assertEquals("D01-S1", sheet.getRow(1).getCell(1).getStringCellValue());
            assertEquals("G02", sheet.getRow(2).getCell(1).getStringCellValue());
            assertEquals(100.0, sheet.getRow(2).getCell(2).getNumericCellValue());
            assertEquals("D", sheet.getRow(3).getCell(3).getStringCellValue());
        }
    }

    @Test
    @DisplayName(
            "a new score scheme version scores new reports, and a report under the old version is made again unchanged")
    void schemeVersions() {
        int version =
                as("CC-ADMIN-1")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"subject\":\"grid\",\"weights\":{\"answeredRate\":100},\"bands\":[{\"grade\":\"PASS\",\"from\":60,\"to\":100},"
                                        + "{\"grade\":\"FAIL\",\"from\":0,\"to\":60}]}")
                        .when()
                        .post("/api/v1/score-schemes")
                        .then()
                        .statusCode(201)
                        .body("madeBy", equalTo("CC-ADMIN-1"))
                        .extract()
                        .path("version");
        report("grid", "D01-S1", version)
                .body("lines.find { it.unit == 'G03' }.score", equalTo(50.0f))
                .body("lines.find { it.unit == 'G03' }.grade", equalTo("FAIL"));
        report("grid", "D01-S1", 1).body("lines.find { it.unit == 'G03' }.score", equalTo(25.0f));
        as("CC-SUPERVISOR-1")
                .contentType(ContentType.JSON)
                .body(
                        "{\"subject\":\"grid\",\"weights\":{\"answeredRate\":100},\"bands\":[{\"grade\":\"A\",\"from\":0,\"to\":100}]}")
                .when()
                .post("/api/v1/score-schemes")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
    }

    @Test
    @DisplayName(
            "an unknown slice or area, an inverted or open-ended period, weights not summing to 100 % and bands with a gap are 400s naming the field")
    void badInput() {
        as("CC-LEADER-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", "planet")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_SLICE"))
                .body("field", equalTo("by"));
        as("CC-LEADER-1")
                .queryParam("from", NEXT_DAY)
                .queryParam("to", DAY)
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(400)
                .body("code", equalTo("PERIOD_INVERTED"))
                .body("field", equalTo("to"));
        as("CC-LEADER-1")
                .queryParam("from", DAY)
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(400)
                .body("code", equalTo("PERIOD_OPEN"))
                .body("field", equalTo("to"));
        as("CC-LEADER-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", "grid")
                .queryParam("area", "NOWHERE")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_AREA"))
                .body("field", equalTo("area"));
        as("CC-LEADER-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", "department")
                .queryParam("area", "D01")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(400)
                .body("field", equalTo("area"));
        scheme(
                        "{\"subject\":\"grid\",\"weights\":{\"answeredRate\":60,\"closureRate\":30},\"bands\":[{\"grade\":\"A\",\"from\":0,\"to\":100}]}")
                .body("code", equalTo("WEIGHTS_NOT_100"))
                .body("field", equalTo("weights"));
        scheme(
                        "{\"subject\":\"grid\",\"weights\":{\"happiness\":100},\"bands\":[{\"grade\":\"A\",\"from\":0,\"to\":100}]}")
                .body("code", equalTo("UNKNOWN_INDICATOR"))
                .body("field", equalTo("weights.happiness"));
        scheme(
                        "{\"subject\":\"grid\",\"weights\":{\"answeredRate\":100},\"bands\":[{\"grade\":\"A\",\"from\":80,\"to\":100},"
                                + "{\"grade\":\"B\",\"from\":0,\"to\":70}]}")
                .body("code", equalTo("BANDS_GAP"))
                .body("field", equalTo("bands"));
        scheme(
                        "{\"subject\":\"planet\",\"weights\":{\"answeredRate\":100},\"bands\":[{\"grade\":\"A\",\"from\":0,\"to\":100}]}")
                .body("field", equalTo("subject"));
    }

    @Test
    @DisplayName(
            "the loop's own events reach the read model, and department staff read their own department's line alone")
    void departmentStaffReadTheirOwnLineOfTheLoopsEvents() {
        // Emergency management (YJJ), which no other test of the module routes to, on today's real
        // cases.
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        var before = dispatchedToday("YJJ-2", today);
        try (var dispatch = new DispatchDesk(bootstrap)) {
            String caseId =
                    as("G07-2")
                            .contentType(ContentType.JSON)
                            .body(
                                    "{\"reportId\":\""
                                            + java.util.UUID.randomUUID()
                                            + "\",\"source\":\"GRID_WORKER\",\"category\":\"0104\","
                                            + "\"description\":\"stall\",\"longitude\":119.164,\"latitude\":35.003}")
                            .when()
                            .post("/api/v1/reports")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id");
            CaseLoopTest.command(caseId, "accept", "CC-DUTY_CHIEF-1", "").then().statusCode(200);
            dispatch.routed(caseId, "DEPARTMENT", "YJJ");
        }
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertEquals(before + 1, dispatchedToday("YJJ-2", today)));
        as("YJJ-2")
                .queryParam("from", today.toString())
                .queryParam("to", today.plusDays(1).toString())
                .queryParam("by", "department")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(200)
                .body("lines.size()", equalTo(1))
                .body("lines[0].unit", equalTo("YJJ"));
        as("YJJ-2")
                .queryParam("from", today.toString())
                .queryParam("to", today.plusDays(1).toString())
                .queryParam("by", "grid")
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(403)
                .body("code", equalTo("OWN_DEPARTMENT_ONLY"));
        as("G07-2")
                .queryParam("from", today.toString())
                .queryParam("to", today.plusDays(1).toString())
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
    }

    private static int dispatchedToday(String staffId, java.time.LocalDate today) {
        java.util.List<Integer> dispatched =
                as(staffId)
                        .queryParam("from", today.toString())
                        .queryParam("to", today.plusDays(1).toString())
                        .queryParam("by", "department")
                        .when()
                        .get("/api/v1/indicators")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("lines.counts.dispatched");
        return dispatched.isEmpty() ? 0 : dispatched.get(0);
    }

    private static ValidatableResponse scheme(String body) {
        return as("CC-ADMIN-1")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/score-schemes")
                .then()
                .statusCode(400);
    }

    private static ValidatableResponse report(String by, String area, int version) {
        return as("CC-LEADER-1")
                .queryParam("from", DAY)
                .queryParam("to", NEXT_DAY)
                .queryParam("by", by)
                .queryParam("area", area)
                .queryParam("scheme", version)
                .when()
                .get("/api/v1/indicators")
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse slice(String by, Integer version) {
        var request =
                as("CC-LEADER-1")
                        .queryParam("from", DAY)
                        .queryParam("to", NEXT_DAY)
                        .queryParam("by", by);
        if (version != null) {
            request = request.queryParam("scheme", version);
        }
        return request.when().get("/api/v1/indicators").then().statusCode(200);
    }
}
