package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: every change to a department, zone, area or person records who made it (the
 * staff id from the token), when, and what it was before and after; a refused change records
 * nothing and changes nothing; only an administrator reads it.
 */
@QuarkusTest
class AuditTest {

    @Inject AgroalDataSource dataSource;

    private final String run = "TU-" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void removeOwnRows() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from audit_entry where code like 'TU-%'");
            statement.execute("delete from staff where id like 'TU-%'");
            statement.execute("delete from department where code like 'TU-%'");
            statement.execute("delete from enforcement_zone where code like 'TU-%'");
            statement.execute("delete from grid_area where code like 'TU-%'");
        }
    }

    @Test
    @DisplayName(
            "the administrator creates and renames a department: both changes are in the trail, newest first, with who, before and after")
    void departmentChangesAreAudited() {
        var start = Instant.now().minusSeconds(1);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"code\":\""
                                + run
                                + "\",\"name\":\"审计局\",\"level\":\"DISTRICT\",\"responsibilities\":[\"0101\"]}")
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"name\":\"审计局（新）\",\"level\":\"STREET\",\"responsibilities\":[\"0101\",\"02\"],\"jurisdiction\":[\"D01-S1\"]}")
                .when()
                .put("/api/v1/departments/" + run)
                .then()
                .statusCode(200);

        asAdmin()
                .queryParam("kind", "DEPARTMENT")
                .queryParam("code", run)
                .queryParam("from", start.toString())
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("action", contains("UPDATE", "CREATE"))
                .body("actor", contains("CC-ADMIN-1", "CC-ADMIN-1"))
                .body("[0].before.name", equalTo("审计局"))
                .body("[0].before.level", equalTo("DISTRICT"))
                .body("[0].before.responsibilities", contains("0101"))
                .body("[0].after.name", equalTo("审计局（新）"))
                .body("[0].after.level", equalTo("STREET"))
                .body("[0].after.jurisdiction", contains("D01-S1"))
                .body("[1].before", nullValue())
                .body("[1].after.name", equalTo("审计局"));
        // Time bounds: nothing of this run before it started.
        asAdmin()
                .queryParam("code", run)
                .queryParam("to", start.toString())
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    @DisplayName(
            "a department's staff may not rename a department: 403 ADMIN_ONLY, the department unchanged and no audit entry")
    void refusedChangeLeavesNothing() throws SQLException {
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + run + "\",\"name\":\"审计局\",\"level\":\"DISTRICT\"}")
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(201);
        long before = count("select count(*) from audit_entry where code = '" + run + "'");

        as("ZHZF-1")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"被改名\",\"level\":\"STREET\"}")
                .when()
                .put("/api/v1/departments/" + run)
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("code", equalTo("ADMIN_ONLY"));
        as("G07-2")
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + run + "-X\",\"name\":\"冒充\",\"level\":\"DISTRICT\"}")
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));

        as("ZHZF-1")
                .when()
                .get("/api/v1/departments/" + run)
                .then()
                .statusCode(200)
                .body("name", equalTo("审计局"))
                .body("level", equalTo("DISTRICT"));
        as("ZHZF-1").when().get("/api/v1/departments/" + run + "-X").then().statusCode(404);
        assertThat(count("select count(*) from audit_entry where code like '" + run + "%'"))
                .isEqualTo(before);
        assertThat(
                        count(
                                "select count(*) from audit_entry where actor in ('ZHZF-1', 'G07-2') and code like '"
                                        + run
                                        + "%'"))
                .isZero();
    }

    @Test
    @DisplayName(
            "zones, areas (one by one and imported), staff and a person's own duty are audited with the actor from the token")
    void everyKindIsAudited() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"code\":\""
                                + run
                                + "\",\"name\":\"审计社区\",\"level\":\"COMMUNITY\",\"geometry\":"
                                + StaffApiTest.box(96.00, 20.00, 0.02, 0.01)
                                + "}")
                .when()
                .post("/api/v1/areas")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType("application/geo+json")
                .body(
                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\""
                                + run
                                + "-G\",\"name\":\"审计网格\",\"level\":\"GRID\",\"parentCode\":\""
                                + run
                                + "\"},\"geometry\":"
                                + StaffApiTest.box(96.00, 20.00, 0.01, 0.01)
                                + "}]}")
                .when()
                .post("/api/v1/areas/import")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"code\":\""
                                + run
                                + "-Z\",\"name\":\"审计片区\",\"areas\":[\""
                                + run
                                + "-G\"]}")
                .when()
                .post("/api/v1/zones")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\":\""
                                + run
                                + "-P\",\"name\":\"审计员\",\"onDuty\":false,\"posts\":[{\"role\":\"GRID_WORKER\",\"areaCode\":\""
                                + run
                                + "-G\"}]}")
                .when()
                .post("/api/v1/staff")
                .then()
                .statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"onDuty\":true}")
                .when()
                .put("/api/v1/staff/" + run + "-P/duty")
                .then()
                .statusCode(200);

        asAdmin()
                .queryParam("code", run)
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("kind", contains("AREA"))
                .body("action", contains("CREATE"))
                .body("[0].after.geometry.type", equalTo("MultiPolygon"));
        asAdmin()
                .queryParam("kind", "AREA")
                .queryParam("code", run + "-G")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("IMPORT"))
                .body("[0].after.parentCode", equalTo(run));
        asAdmin()
                .queryParam("kind", "ZONE")
                .queryParam("code", run + "-Z")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("CREATE"))
                .body("[0].after.areas", contains(run + "-G"));
        asAdmin()
                .queryParam("kind", "STAFF")
                .queryParam("code", run + "-P")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("DUTY", "CREATE"))
                .body("[0].before.onDuty", equalTo(false))
                .body("[0].after.onDuty", equalTo(true));
    }

    @Test
    @DisplayName("a grid worker going on duty themselves is recorded as themselves")
    void ownDutyIsRecordedAsThePerson() throws SQLException {
        var since = Instant.now().minusSeconds(1);
        // G07-2 is on duty in the demo town; saying so again changes nothing but is still a
        // recorded act.
        as("G07-2")
                .contentType(ContentType.JSON)
                .body("{\"onDuty\":true}")
                .when()
                .put("/api/v1/staff/G07-2/duty")
                .then()
                .statusCode(200)
                .body("onDuty", equalTo(true));
        asAdmin()
                .queryParam("kind", "STAFF")
                .queryParam("code", "G07-2")
                .queryParam("from", since.toString())
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("actor", contains("G07-2"))
                .body("action", contains("DUTY"));
    }

    @Test
    @DisplayName("only an administrator reads the trail; a bad filter is a 400 naming it")
    void onlyAdminReads() {
        as("CC-SUPERVISOR-1")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        as("G07-2")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(403)
                .body("code", equalTo("ADMIN_ONLY"));
        asAdmin()
                .queryParam("kind", "CASE")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .body("field", equalTo("kind"));
        asAdmin()
                .queryParam("from", "yesterday")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .body("field", equalTo("from"));
        asAdmin()
                .queryParam("limit", 0)
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(400)
                .body("field", equalTo("limit"));
    }

    private long count(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
