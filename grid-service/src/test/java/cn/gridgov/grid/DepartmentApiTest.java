package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Departments over REST against the real PostGIS and Kafka, beside the demo town's. */
@QuarkusTest
class DepartmentApiTest {

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = GridEvents.TOPIC_CONFIG)
    String gridEventsTopic;

    private final String code = "TD-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeOwnDepartment() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from department where code like 'TD-%'");
            statement.execute("delete from enforcement_zone where code like 'TD-%'");
            statement.execute("delete from audit_entry where code like 'TD-%'");
        }
    }

    @Test
    @DisplayName(
            "the demo town's departments are listed with their level, responsibilities, jurisdiction and zones")
    void demoDepartmentsAreListed() {
        as("ZHZF-1")
                .when()
                .get("/api/v1/departments")
                .then()
                .statusCode(200)
                .body(
                        "code",
                        hasItems(
                                "CC", "ZHZF", "ZJJ", "SCJG", "STHJ", "YJJ", "SWJ", "GKJ", "JD-S1",
                                "JD-S2", "JD-S3", "JD-S4", "PCS", "GTS"));

        as("ZHZF-1")
                .when()
                .get("/api/v1/departments/ZHZF")
                .then()
                .statusCode(200)
                .body("name", equalTo("区综合执法局"))
                .body("level", equalTo("DISTRICT"))
                .body("responsibilities", hasItems("0101", "0103"))
                .body("jurisdiction", contains("D01"))
                .body("zones", contains("PQ-1", "PQ-2", "PQ-3", "PQ-4", "PQ-5", "PQ-6"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/departments/GKJ")
                .then()
                .statusCode(200)
                .body("jurisdiction", contains("DG-PORT"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/departments/JD-S2")
                .then()
                .statusCode(200)
                .body("level", equalTo("STREET"))
                .body("jurisdiction", contains("D01-S2"));
    }

    @Test
    @DisplayName(
            "a department is created, read back and announced on grid-events.v1 with its full representation")
    void departmentIsCreatedAndAnnounced() {
        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            asAdmin()
                    .contentType(ContentType.JSON)
                    .body(
                            department(
                                    code,
                                    "DISTRICT",
                                    "[\"0101\",\"06\"]",
                                    "[\"D01-S1\",\"G07\"]",
                                    "[\"PQ-2\"]"))
                    .when()
                    .post("/api/v1/departments")
                    .then()
                    .statusCode(201)
                    .body("code", equalTo(code))
                    .body("responsibilities", contains("0101", "06"));

            as("ZHZF-1")
                    .when()
                    .get("/api/v1/departments/" + code)
                    .then()
                    .statusCode(200)
                    .body("jurisdiction", contains("D01-S1", "G07"))
                    .body("zones", contains("PQ-2"));

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> {
                                var events = tail.forSubject(code);
                                assertThat(events).hasSize(1);
                                assertThat(events.get(0).key()).isEqualTo(code);
                                assertThat(events.get(0).event().path("type").asText())
                                        .isEqualTo(GridTypes.DEPARTMENT_CHANGED.name());
                                assertThat(
                                                events.get(0)
                                                        .event()
                                                        .path("data")
                                                        .path("zones")
                                                        .get(0)
                                                        .asText())
                                        .isEqualTo("PQ-2");
                            });
        }
    }

    @Test
    @DisplayName("an update replaces a department's name, level and lists")
    void updateReplacesLists() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body(department(code, "DISTRICT", "[\"0101\"]", "[\"D01\"]", "[]"))
                .when()
                .post("/api/v1/departments")
                .then()
                .statusCode(201);

        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        department(
                                null,
                                "STREET",
                                "[\"02\",\"0301\"]",
                                "[\"D01-S3\"]",
                                "[\"PQ-5\",\"PQ-6\"]"))
                .when()
                .put("/api/v1/departments/" + code)
                .then()
                .statusCode(200)
                .body("level", equalTo("STREET"))
                .body("responsibilities", contains("02", "0301"))
                .body("jurisdiction", contains("D01-S3"))
                .body("zones", contains("PQ-5", "PQ-6"));
    }

    @Test
    @DisplayName("bad departments are refused with the field at fault and nothing is stored")
    void badDepartmentsAreRefused() {
        post(department(code, "DISTRICT", "[\"0101\",\"7\"]", "[]", "[]"))
                .then()
                .statusCode(400)
                .body("field", equalTo("responsibilities[1]"));
        post(department(code, "DISTRICT", "[]", "[\"D01\",\"NO-SUCH-AREA\"]", "[]"))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_AREA"))
                .body("field", equalTo("jurisdiction[1]"));
        post(department(code, "DISTRICT", "[]", "[]", "[\"PQ-99\"]"))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_ZONE"))
                .body("field", equalTo("zones[0]"));
        post(department(code, "COUNTY", "[]", "[]", "[]"))
                .then()
                .statusCode(400)
                .body("field", equalTo("level"))
                .body("message", containsString("STREET"));
        post(department("bad code!", "DISTRICT", "[]", "[]", "[]"))
                .then()
                .statusCode(400)
                .body("field", equalTo("code"));
        post("{\"code\":").then().statusCode(400).body("code", equalTo("UNREADABLE_BODY"));

        as("ZHZF-1")
                .when()
                .get("/api/v1/departments/" + code)
                .then()
                .statusCode(404)
                .body("code", equalTo("DEPARTMENT_NOT_FOUND"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/departments")
                .then()
                .statusCode(200)
                .body("findAll { it.code == '" + code + "' }", hasSize(0));
    }

    @Test
    @DisplayName("creating a department twice is a conflict and updating a missing one is a 404")
    void duplicatesAndMissingAreNamed() {
        post(department(code, "DISTRICT", "[]", "[]", "[]")).then().statusCode(201);
        post(department(code, "DISTRICT", "[]", "[]", "[]"))
                .then()
                .statusCode(409)
                .body("code", equalTo("DEPARTMENT_EXISTS"));

        asAdmin()
                .contentType(ContentType.JSON)
                .body(department(null, "DISTRICT", "[]", "[]", "[]"))
                .when()
                .put("/api/v1/departments/TD-MISSING")
                .then()
                .statusCode(404)
                .body("code", equalTo("DEPARTMENT_NOT_FOUND"));
    }

    @Test
    @DisplayName(
            "who handles a category here: the most specific responsibility first, jurisdiction by the place's ancestors")
    void responsibleDepartments() {
        as("ZHZF-1")
                .queryParam("category", "0103")
                .queryParam("area", "G07")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(200)
                .body("code", contains("GTS", "ZHZF"))
                .body("[0].matchedPrefix", equalTo("0103"))
                .body("[0].jurisdictionArea", equalTo("D01"));
        as("ZHZF-1")
                .queryParam("category", "0201")
                .queryParam("area", "G07")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(200)
                .body("code", contains("PCS", "JD-S2"));
        // The port authority answers only where the port is.
        as("ZHZF-1")
                .queryParam("category", "0401")
                .queryParam("area", "G01")
                .queryParam("area", "DG-PORT")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(200)
                .body("code", contains("GKJ", "YJJ"));
        as("ZHZF-1")
                .queryParam("category", "0401")
                .queryParam("area", "G07")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(200)
                .body("code", contains("YJJ"));

        as("ZHZF-1")
                .queryParam("category", "1")
                .queryParam("area", "G07")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(400)
                .body("field", equalTo("category"));
        as("ZHZF-1")
                .queryParam("category", "0101")
                .queryParam("area", "G07")
                .queryParam("area", "NOPE")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(400)
                .body("field", equalTo("area[1]"));
        as("ZHZF-1")
                .queryParam("category", "0101")
                .when()
                .get("/api/v1/departments/responsible")
                .then()
                .statusCode(400)
                .body("field", equalTo("area"));
    }

    @Test
    @DisplayName(
            "an enforcement zone is created over existing areas, and one naming an unknown area is refused whole")
    void zonesAreCreatedAndChecked() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"测试片区\",\"areas\":[\"G01\",\"NOPE\"]}")
                .when()
                .post("/api/v1/zones")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_AREA"))
                .body("field", equalTo("areas[1]"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/zones/" + code)
                .then()
                .statusCode(404)
                .body("code", equalTo("ZONE_NOT_FOUND"));

        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"测试片区\",\"areas\":[\"G02\",\"G01\"]}")
                .when()
                .post("/api/v1/zones")
                .then()
                .statusCode(201)
                .body("areas", contains("G01", "G02"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/zones/" + code)
                .then()
                .statusCode(200)
                .body("areas", contains("G01", "G02"));
        as("ZHZF-1")
                .when()
                .get("/api/v1/zones/PQ-1")
                .then()
                .statusCode(200)
                .body("areas", hasSize(8));
    }

    private static io.restassured.response.Response post(String body) {
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/departments");
    }

    private static String department(
            String code, String level, String responsibilities, String jurisdiction, String zones) {
        return "{"
                + (code == null ? "" : "\"code\":\"" + code + "\",")
                + "\"name\":\"测试局\",\"level\":\""
                + level
                + "\",\"responsibilities\":"
                + responsibilities
                + ",\"jurisdiction\":"
                + jurisdiction
                + ",\"zones\":"
                + zones
                + "}";
    }
}
