package cn.gridgov.cases;

import static cn.gridgov.cases.CaseLoopTest.as;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stranger's garbage, thousands of times, at every endpoint of case-service's OpenAPI document:
 * reports and commands as JSON of the wrong types and sizes, broken UTF-8, NUL, deep nesting and
 * huge numbers; Open311 forms with every field broken in turn; photo uploads whose content type
 * lies; hostile path and query parameters; from every role, without a token and with forged ones.
 * Nothing of it is a server error, every refusal is JSON (Open311's XML endpoints: XML) naming no
 * Java class, and nothing a refused request carried is written.
 */
@QuarkusTest
class HostileInputTest {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "gridgov.photos.max-bytes")
    int maxPhotoBytes;

    @Test
    @DisplayName(
            "thousands of malformed and hostile requests to every endpoint are refused with a JSON (or Open311 XML) 4xx"
                    + " naming no Java class, never a 5xx, and a refused request writes nothing")
    void hostileRequestsAreRefusedAndWriteNothing() {
        var reportId = UUID.randomUUID().toString();
        String caseId =
                as("G07-2")
                        .contentType(ContentType.JSON)
                        .body(
                                "{\"reportId\":\""
                                        + reportId
                                        + "\",\"source\":\"GRID_WORKER\",\"category\":\"0101\","
                                        + "\"description\":\"井盖缺失\",\"longitude\":119.1652,\"latitude\":35.0041}")
                        .post("/api/v1/reports")
                        .then()
                        .statusCode(201)
                        .body("gridCode", equalTo("G07"))
                        .extract()
                        .path("id");
        String number = as("G07-2").get("/api/v1/cases/" + caseId).then().extract().path("number");

        HostileInput.against(db)
                .callers(
                        "G07-2",
                        "G07-1",
                        "ZHZF-1",
                        "CC-DISPATCHER-1",
                        "CC-DUTY_CHIEF-1",
                        "CC-SUPERVISOR-1",
                        "CC-LEADER-1",
                        "CC-ADMIN-1",
                        AccessMatrix.SERVICE)
                .plausible("ref", caseId, number)
                .plausible("reportId", reportId)
                .plausible("intoCase", caseId)
                .plausible("code", "0101")
                .plausible("category", "0101")
                .plausible("day", "2199-01-02")
                .plausible("format", "json", "xml")
                .plausible("by", "grid", "department")
                .plausible("from", "2026-11-16")
                .plausible("to", "2026-11-23")
                .formField("api_key", "demo-key")
                .formField("jurisdiction_id", "gridgov.demo-town")
                .formField("service_code", "0101")
                .formField("lat", "35.004")
                .formField("long", "119.165")
                .formField("description", "路面坑洞")
                .formField("email", "citizen@example.org")
                .formField("first_name", "李")
                .formField("media_url", "https://example.org/pothole.jpg")
                .formField("service_request_id", number)
                .formField("update_id", UUID.randomUUID().toString())
                .formField("status", "open")
                .formField("updated_datetime", "2026-12-07T08:30:00+08:00")
                .maxUploadBytes(maxPhotoBytes)
                .send(HostileInput.requests(3_400));
    }
}
