package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static cn.gridgov.cases.CaseLoopTest.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gridgov.contracts.Actor;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where a post reaches, beyond the access matrix: the command center acts for the district it
 * serves, and one case is read only by those the search would show it to.
 */
@QuarkusTest
class CaseScopeTest {

    /** The smallest valid PNG; bytes after its end make each test's photo a photo of its own. */
    private static final byte[] PNG =
            Base64.getDecoder()
                    .decode(
                            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName(
            "a dispatcher of the neighbouring district may not accept a case of the demo district (403 NOT_YOUR_DISTRICT, nothing written); the demo district's may")
    void dispatcherActsForTheDistrictTheyServe() throws Exception {
        var caseId = report("G07-2", UUID.randomUUID(), null);
        var entries = timelineLength(caseId);

        command(caseId, "accept", "D02-DISPATCHER-1", "\"urgency\":\"URGENT\"")
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("code", equalTo("NOT_YOUR_DISTRICT"))
                .body("message", containsString("G07"));
        assertThat(timelineLength(caseId)).isEqualTo(entries);
        as("D02-DISPATCHER-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));

        command(caseId, "accept", "CC-DISPATCHER-1", "")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
    }

    @Test
    @DisplayName(
            "one case, its timeline and the case a report became are read by its grid's staff and its reporter, not by a grid worker of another grid (403 NOT_YOUR_CASE); an unknown case stays 404")
    void oneCaseIsReadWithinTheReadRule() {
        var reportId = UUID.randomUUID();
        // G20's grid worker reports in G07 (通办) and keeps reading what they reported.
        var caseId = report("G20-2", reportId, null);

        for (var path :
                new String[] {
                    "/api/v1/cases/" + caseId,
                    "/api/v1/cases/" + caseId + "/timeline",
                    "/api/v1/cases/" + caseId + "/timeline/verification",
                    "/api/v1/cases/by-report/" + reportId
                }) {
            as("G07-1").when().get(path).then().statusCode(200);
            as("G20-2").when().get(path).then().statusCode(200);
            as("G20-1")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType(ContentType.JSON)
                    .body("code", equalTo("NOT_YOUR_CASE"));
            as("ZHZF-1")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("NOT_YOUR_CASE"));
        }
        as("G20-1")
                .when()
                .get("/api/v1/cases/1999-999999")
                .then()
                .statusCode(404)
                .body("code", equalTo("CASE_NOT_FOUND"));
    }

    @Test
    @DisplayName(
            "a department a whistle summons reads the case it is summoned to, one by one and in its search; before the whistle it may not (403 NOT_YOUR_CASE), nor may a department not summoned")
    void departmentSummonedByAWhistleReadsTheCase() {
        var caseId = report("G07-2", UUID.randomUUID(), null);
        as("ZHZF-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_CASE"));

        try (var dispatch = new DispatchDesk(bootstrap)) {
            dispatch.publish(
                    caseId,
                    DispatchTypes.WHISTLE_BLOWN,
                    new WhistleBlown(
                            UUID.randomUUID(),
                            UUID.fromString(caseId),
                            "HARD_CASE",
                            List.of("ZHZF"),
                            Instant.now().plus(Duration.ofMinutes(30)),
                            "CC-DISPATCHER-1",
                            new Actor("CC-DISPATCHER-1", "DISPATCHER", "CC")));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as("ZHZF-1")
                                        .when()
                                        .get("/api/v1/cases/" + caseId)
                                        .then()
                                        .statusCode(200));
        as("ZHZF-1")
                .when()
                .get("/api/v1/cases/" + caseId + "/timeline")
                .then()
                .statusCode(200)
                .body("action", hasItem("WHISTLE_BLOWN"));
        var number =
                as("G07-2").when().get("/api/v1/cases/" + caseId).then().extract().path("number");
        as("ZHZF-1")
                .when()
                .get("/api/v1/cases?reporter=G07-2&limit=50")
                .then()
                .statusCode(200)
                .body("items.number", hasItem(number));
        as("ZJJ-1")
                .when()
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_CASE"));
    }

    @Test
    @DisplayName(
            "a photo named by a case is read by those who read the case (403 NOT_YOUR_CASE to others); a photo no case names yet is any signed-in person's")
    void photoIsReadWithItsCase() {
        var named = uploadPhoto();
        var loose = uploadPhoto();
        report("G07-2", UUID.randomUUID(), named);

        as("G07-1").when().get("/api/v1/photos/" + named).then().statusCode(200);
        as("CC-SUPERVISOR-1").when().get("/api/v1/photos/" + named).then().statusCode(200);
        as("G20-2")
                .when()
                .get("/api/v1/photos/" + named)
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_YOUR_CASE"));
        as("G20-2").when().get("/api/v1/photos/" + loose).then().statusCode(200);
    }

    /** A grid worker's report at G07's centre (verified as it arrives); its case's id. */
    private static String report(String staffId, UUID reportId, String photoId) {
        return as(staffId)
                .contentType(ContentType.JSON)
                .body(
                        "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"0104\",\"description\":\"scope\",\"longitude\":119.1652,\"latitude\":35.0041%s}"
                                .formatted(
                                        reportId,
                                        photoId == null
                                                ? ""
                                                : ",\"photoIds\":[\"" + photoId + "\"]"))
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("gridCode", equalTo("G07"))
                .extract()
                .path("id");
    }

    private static String uploadPhoto() {
        var bytes = Arrays.copyOf(PNG, PNG.length + 16);
        var unique = UUID.randomUUID().toString().getBytes();
        System.arraycopy(unique, 0, bytes, PNG.length, 16);
        return as("G07-2")
                .multiPart("file", "evidence.png", bytes, "image/png")
                .when()
                .post("/api/v1/photos")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private int timelineLength(String caseId) throws Exception {
        try (var connection = dataSource.getConnection();
                var query =
                        connection.prepareStatement(
                                "select count(*) from case_timeline where case_id = ?::uuid")) {
            query.setString(1, caseId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
