package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asService;
import static cn.gridgov.kit.testing.AccessMatrix.ANONYMOUS;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.ALLOWED;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.FORBIDDEN;
import static cn.gridgov.kit.testing.AccessMatrix.Outcome.UNAUTHENTICATED;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.kit.testing.AccessMatrix;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who may call what in grid-service, every endpoint of its OpenAPI document × anonymous, a grid
 * worker (G07-2), a department's staff (ZHZF-1), a dispatcher, an administrator and, where the rule
 * is about a person, someone else. Reads are any signed-in caller's; changes to the organisation
 * are the administrator's alone (ADMIN_ONLY); duty is the person's own or the administrator's
 * (ONLY_SELF_OR_ADMIN); a location is the person's own (ONLY_SELF). An allowed change is made so
 * that it changes nothing (an unknown code, an invalid name, an old ping, the duty the person
 * already has), so the demo town stays as it is.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String WORKER = "G07-2";
    private static final String OTHER_WORKER = "G20-2";
    private static final String DEPARTMENT = "ZHZF-1";
    private static final String DISPATCHER = "CC-DISPATCHER-1";
    private static final String ADMIN = "CC-ADMIN-1";
    private static final String[] EVERY_ROLE = {WORKER, DEPARTMENT, DISPATCHER, ADMIN};
    private static final String[] NOT_ADMIN = {WORKER, DEPARTMENT, DISPATCHER};

    private static final String POLYGON =
            "{\"type\":\"Polygon\",\"coordinates\":[[[90,20],[90.01,20],[90.01,20.01],[90,20.01],[90,20]]]}";
    private static final String OLD_PING =
            "{\"longitude\":119.165,\"latitude\":35.004,\"accuracyMeters\":5,\"at\":\"2001-01-01T00:00:00Z\"}";

    @Inject AgroalDataSource dataSource;

    @AfterEach
    void removeOwnRows() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from audit_entry where code like 'TM-%'");
        }
    }

    @Test
    @DisplayName(
            "every endpoint answers anonymous callers 401, any signed-in role its reads, and only the administrator, the person themselves or a service its changes")
    void everyEndpointEveryCaller() {
        var matrix = new AccessMatrix();
        // Reads: reference data and staff, for any signed-in caller.
        read(matrix, "/api/v1/areas/{code}", "/api/v1/areas/G07");
        read(matrix, "/api/v1/locate", "/api/v1/locate?lon=119.165&lat=35.004");
        matrix.row(
                        "POST",
                        "/api/v1/locate",
                        "/api/v1/locate",
                        "{\"points\":[{\"longitude\":119.165,\"latitude\":35.004}]}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, EVERY_ROLE);
        read(matrix, "/api/v1/areas/{code}/export", "/api/v1/areas/G07/export");
        read(matrix, "/api/v1/areas/{code}/coverage", "/api/v1/areas/D01-S1-C1/coverage");
        read(matrix, "/api/v1/areas/{code}/on-duty", "/api/v1/areas/G07/on-duty");
        read(matrix, "/api/v1/departments", "/api/v1/departments");
        read(
                matrix,
                "/api/v1/departments/responsible",
                "/api/v1/departments/responsible?category=0101&area=G07");
        read(matrix, "/api/v1/departments/{code}", "/api/v1/departments/ZHZF");
        read(matrix, "/api/v1/zones", "/api/v1/zones");
        read(matrix, "/api/v1/zones/{code}", "/api/v1/zones/PQ-1");
        read(matrix, "/api/v1/roles", "/api/v1/roles");
        read(matrix, "/api/v1/staff/{id}", "/api/v1/staff/G07-1");
        read(matrix, "/api/v1/staff/nearest", "/api/v1/staff/nearest?lon=119.165&lat=35.004");

        // The organisation and its audit trail: the administrator's alone.
        admin(
                matrix,
                "POST",
                "/api/v1/areas",
                "/api/v1/areas",
                "{\"code\":\"TM-MATRIX\",\"name\":\"矩阵\",\"level\":\"GRID\","
                        + "\"parentCode\":\"TM-NO-PARENT\",\"geometry\":"
                        + POLYGON
                        + "}");
        admin(matrix, "POST", "/api/v1/areas/import", "/api/v1/areas/import", "{}");
        admin(matrix, "POST", "/api/v1/areas/import/preview", "/api/v1/areas/import/preview", "{}");
        admin(
                matrix,
                "POST",
                "/api/v1/departments",
                "/api/v1/departments",
                "{\"code\":\"TM-MATRIX\",\"name\":\"\"}");
        admin(
                matrix,
                "PUT",
                "/api/v1/departments/{code}",
                "/api/v1/departments/TM-NOBODY",
                "{\"name\":\"无此部门\",\"level\":\"DISTRICT\"}");
        admin(
                matrix,
                "POST",
                "/api/v1/zones",
                "/api/v1/zones",
                "{\"code\":\"TM-MATRIX\",\"name\":\"\"}");
        admin(
                matrix,
                "POST",
                "/api/v1/staff",
                "/api/v1/staff",
                "{\"id\":\"TM-MATRIX\",\"name\":\"\"}");
        admin(
                matrix,
                "PUT",
                "/api/v1/staff/{id}",
                "/api/v1/staff/TM-NOBODY",
                "{\"name\":\"无此人\",\"posts\":[]}");
        admin(matrix, "GET", "/api/v1/audit", "/api/v1/audit?kind=DEPARTMENT&code=TM-NOBODY", null);
        // Parked events (service-kit's parking): ones that do not exist, nothing replayed.
        admin(
                matrix,
                "GET",
                "/api/v1/parked-events",
                "/api/v1/parked-events?subject=TM-NOBODY",
                null);
        admin(
                matrix,
                "POST",
                "/api/v1/parked-events/{id}/replay",
                "/api/v1/parked-events/" + Long.MAX_VALUE + "/replay",
                null);
        admin(
                matrix,
                "POST",
                "/api/v1/parked-events/{id}/discard",
                "/api/v1/parked-events/" + Long.MAX_VALUE + "/discard",
                null);
        admin(
                matrix,
                "POST",
                "/api/v1/parked-events/subjects/{subject}/replay",
                "/api/v1/parked-events/subjects/TM-NOBODY/replay",
                null);

        // Duty: the person themselves (already on duty, so nothing changes) or the administrator.
        matrix.row(
                        "PUT",
                        "/api/v1/staff/{id}/duty",
                        "/api/v1/staff/" + WORKER + "/duty",
                        "{\"onDuty\":true}")
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, WORKER, ADMIN)
                .expect(FORBIDDEN, OTHER_WORKER, DEPARTMENT, DISPATCHER);
        // A location: only the person's own (an old ping, accepted and ignored); not even the
        // administrator's.
        matrix.row(
                        "POST",
                        "/api/v1/staff/{id}/location",
                        "/api/v1/staff/" + WORKER + "/location",
                        OLD_PING)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, WORKER)
                .expect(FORBIDDEN, OTHER_WORKER, DEPARTMENT, DISPATCHER, ADMIN);

        matrix.verify();
    }

    @Test
    @DisplayName(
            "another service reads with its own token and relays a person's location, but may not change the organisation")
    void serviceToken() {
        asService()
                .when()
                .get("/api/v1/staff/G07-2")
                .then()
                .statusCode(200)
                .body("staffId", equalTo("G07-2"));
        asService()
                .contentType(ContentType.JSON)
                .body(OLD_PING)
                .when()
                .post("/api/v1/staff/G07-2/location")
                .then()
                .statusCode(202);
        asService()
                .contentType(ContentType.JSON)
                .body("{\"code\":\"TM-SERVICE\",\"name\":\"服务\",\"level\":\"DISTRICT\"}")
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        asService()
                .contentType(ContentType.JSON)
                .body("{\"onDuty\":true}")
                .when()
                .put("/api/v1/staff/G07-2/duty")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF_OR_ADMIN"));
        asService().when().get("/api/v1/departments/TM-SERVICE").then().statusCode(404);
    }

    @Test
    @DisplayName(
            "the policy speaks before the body is read: a caller who may not make a change hears 403 even for an empty or invalid body, the administrator hears 400")
    void refusalBeforeValidation() {
        as(WORKER)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/v1/areas")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as(ADMIN)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .post("/api/v1/areas")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_INPUT"));
        as(DEPARTMENT)
                .contentType(ContentType.JSON)
                .when()
                .post("/api/v1/staff")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as(ADMIN)
                .contentType(ContentType.JSON)
                .when()
                .post("/api/v1/staff")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_INPUT"));
        as(OTHER_WORKER)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .put("/api/v1/staff/" + WORKER + "/duty")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF_OR_ADMIN"));
        as(WORKER)
                .contentType(ContentType.JSON)
                .body("{}")
                .when()
                .put("/api/v1/staff/" + WORKER + "/duty")
                .then()
                .statusCode(400)
                .body("field", equalTo("onDuty"));
        as(OTHER_WORKER)
                .contentType(ContentType.JSON)
                .body("{\"longitude\":500}")
                .when()
                .post("/api/v1/staff/" + WORKER + "/location")
                .then()
                .statusCode(403)
                .body("code", equalTo("ONLY_SELF"));
        as(WORKER)
                .contentType(ContentType.JSON)
                .body("{\"longitude\":500,\"latitude\":30,\"at\":\"2001-01-01T00:00:00Z\"}")
                .when()
                .post("/api/v1/staff/" + WORKER + "/location")
                .then()
                .statusCode(400)
                .body("field", equalTo("longitude"));
    }

    private static void read(AccessMatrix matrix, String template, String path) {
        matrix.row("GET", template, path, null)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ALLOWED, EVERY_ROLE);
    }

    private static void admin(
            AccessMatrix matrix, String method, String template, String path, String body) {
        matrix.row(method, template, path, body)
                .expect(ANONYMOUS, UNAUTHENTICATED)
                .expect(ADMIN, ALLOWED)
                .expect(FORBIDDEN, NOT_ADMIN);
    }
}
