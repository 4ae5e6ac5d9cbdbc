package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The area API against the real PostGIS: create areas, locate points, refuse bad geometry. */
@QuarkusTest
class AreaApiTest {

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = GridEvents.TOPIC_CONFIG)
    String gridEventsTopic;

    /**
     * Each test draws its own town, far west of the demo town that shares the database, and removes
     * only its own areas (one statement, so children and parents go together).
     */
    @BeforeEach
    @AfterEach
    void removeOwnTown() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(
                    "delete from grid_area where code like 'T-%' or code in ('BOW', 'X1', 'X2', 'X3')");
            statement.execute(
                    "delete from audit_entry where kind = 'AREA' and (code like 'T-%' or code in ('BOW', 'X1', 'X2', 'X3'))");
        }
    }

    @Test
    @DisplayName("a point inside a grid is located to that grid and its ancestors")
    void locatesPointToGridAndAncestors() {
        createTown();

        as("G07-2")
                .queryParam("lon", 109.105)
                .queryParam("lat", 35.004)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("grid.code", equalTo("T-G01"))
                .body("ancestors.code", contains("T-C1", "T-D"))
                .body("dedicated", empty());
    }

    @Test
    @DisplayName("a point outside every grid gets a 404 naming the nearest grid and its distance")
    void pointOutsideNamesNearestGrid() {
        createTown();

        as("G07-2")
                .queryParam("lon", 109.125)
                .queryParam("lat", 35.004)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(404)
                .body("code", equalTo("OUTSIDE_GRIDS"))
                .body("message", containsString("T-G02"))
                .body("message", containsString(" m away"));
    }

    @Test
    @DisplayName(
            "many points are located in one request, in the order asked, the outside ones with the nearest grid")
    void locatesManyPointsInOrder() {
        createTown();

        as("G07-2")
                .contentType("application/json")
                .body(
                        "{\"points\":[{\"longitude\":109.125,\"latitude\":35.004},"
                                + "{\"longitude\":109.105,\"latitude\":35.004},{\"longitude\":109.105,\"latitude\":35.004}]}")
                .when()
                .post("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("locations.grid", contains(null, "T-G01", "T-G01"))
                .body("locations[0].outside", containsString("T-G02"))
                .body("locations[1].dedicated", empty())
                .body("locations[1].longitude", equalTo(109.105f));
    }

    @Test
    @DisplayName(
            "a point that is not a coordinate, and a request with no points, are 400s naming the field")
    void badPointsAreNamed() {
        as("G07-2")
                .contentType("application/json")
                .body(
                        "{\"points\":[{\"longitude\":109.1,\"latitude\":35.0},{\"longitude\":190,\"latitude\":35.0}]}")
                .when()
                .post("/api/v1/locate")
                .then()
                .statusCode(400)
                .body("field", containsString("points[1].longitude"));
        as("G07-2")
                .contentType("application/json")
                .body("{\"points\":[]}")
                .when()
                .post("/api/v1/locate")
                .then()
                .statusCode(400)
                .body("field", containsString("points"));
    }

    @Test
    @DisplayName("a self-intersecting polygon is refused with the reason and nothing is stored")
    void selfIntersectingPolygonIsRefused() {
        var bowtie =
                "{\"type\":\"Polygon\",\"coordinates\":[[[109.1,35.0],[109.11,35.008],[109.11,35.0],[109.1,35.008],[109.1,35.0]]]}";
        post("BOW", "DISTRICT", null, bowtie)
                .then()
                .statusCode(400)
                .body("code", equalTo("GEOMETRY_INVALID"))
                .body("field", equalTo("geometry"))
                .body("message", containsString("Self-intersection"));

        as("G07-2")
                .when()
                .get("/api/v1/areas/BOW")
                .then()
                .statusCode(404)
                .body("code", equalTo("AREA_NOT_FOUND"));
    }

    @Test
    @DisplayName("a grid reaching outside its parent is refused")
    void childOutsideParentIsRefused() {
        createTown();

        post("T-G99", "GRID", "T-C1", box(109.10, 35.00, 0.05, 0.008))
                .then()
                .statusCode(400)
                .body("code", equalTo("OUTSIDE_PARENT"));
    }

    @Test
    @DisplayName(
            "malformed GeoJSON, unknown parents, unknown levels and out-of-range coordinates are 400s with the field")
    void badInputIsNamed() {
        post("X1", "DISTRICT", null, "{\"type\":\"Polygon\",\"coordinates\":\"nope\"}")
                .then()
                .statusCode(400)
                .body("code", equalTo("GEOMETRY_UNREADABLE"))
                .body("field", equalTo("geometry"));
        post("X2", "GRID", "NO-SUCH-AREA", box(109.1, 35.0, 0.01, 0.008))
                .then()
                .statusCode(400)
                .body("code", equalTo("PARENT_UNKNOWN"))
                .body("field", equalTo("parentCode"));
        post("X3", "PLANET", null, box(109.1, 35.0, 0.01, 0.008))
                .then()
                .statusCode(400)
                .body("field", equalTo("level"))
                .body("message", containsString("GRID"));
        as("G07-2")
                .queryParam("lon", 190)
                .queryParam("lat", 35)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(400)
                .body("field", equalTo("lon"));
        as("G07-2")
                .queryParam("lon", "abc")
                .queryParam("lat", 35)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(400)
                .body("field", equalTo("lon"))
                .body("message", containsString("number"));
        as("G07-2")
                .queryParam("lon", 109.1)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(400)
                .body("field", equalTo("lat"));
    }

    @Test
    @DisplayName("creating an area twice under one code is a conflict")
    void duplicateCodeIsConflict() {
        createTown();

        post("T-D", "DISTRICT", null, box(109.10, 35.00, 0.02, 0.008))
                .then()
                .statusCode(409)
                .body("code", equalTo("AREA_EXISTS"));
    }

    @Test
    @DisplayName(
            "an area reads back as a GeoJSON Feature with a MultiPolygon, and its creation is announced")
    void areaReadsBackAsFeature() {
        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            createTown();

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> {
                                var events = tail.forSubject("T-G01");
                                assertThat(events).hasSize(1);
                                assertThat(events.get(0).key()).isEqualTo("T-G01");
                                assertThat(events.get(0).contentType())
                                        .startsWith("application/cloudevents+json");
                                assertThat(events.get(0).event().path("type").asText())
                                        .isEqualTo(GridTypes.AREA_CHANGED.name());
                                assertThat(
                                                events.get(0)
                                                        .event()
                                                        .path("data")
                                                        .path("geometry")
                                                        .path("type")
                                                        .asText())
                                        .isEqualTo("MultiPolygon");
                            });
        }

        as("G07-2")
                .when()
                .get("/api/v1/areas/T-G01")
                .then()
                .statusCode(200)
                .body("type", equalTo("Feature"))
                .body("properties.parentCode", equalTo("T-C1"))
                .body("geometry.type", equalTo("MultiPolygon"));
    }

    /**
     * A district with one community holding grids T-G01 and T-G02 side by side, and a gap east of
     * them.
     */
    private static void createTown() {
        post("T-D", "DISTRICT", null, box(109.10, 35.00, 0.04, 0.008)).then().statusCode(201);
        post("T-C1", "COMMUNITY", "T-D", box(109.10, 35.00, 0.02, 0.008)).then().statusCode(201);
        post("T-G01", "GRID", "T-C1", box(109.10, 35.00, 0.01, 0.008)).then().statusCode(201);
        post("T-G02", "GRID", "T-C1", box(109.11, 35.00, 0.01, 0.008)).then().statusCode(201);
    }

    private static io.restassured.response.Response post(
            String code, String level, String parent, String geometry) {
        var parentJson = parent == null ? "null" : "\"" + parent + "\"";
        return asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"code\":\""
                                + code
                                + "\",\"name\":\""
                                + code
                                + "\",\"level\":\""
                                + level
                                + "\",\"parentCode\":"
                                + parentJson
                                + ",\"geometry\":"
                                + geometry
                                + "}")
                .when()
                .post("/api/v1/areas");
    }

    private static String box(double w, double s, double width, double height) {
        double e = w + width;
        double n = s + height;
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}",
                w,
                s,
                e,
                s,
                e,
                n,
                w,
                n,
                w,
                s);
    }
}
