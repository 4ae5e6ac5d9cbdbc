package cn.gridgov.grid;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.testing.TopicTail;
import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GeoJSON import, export and the coverage check against the real PostGIS; each test removes its own areas. */
@QuarkusTest
class AreaTransferTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = GridEvents.TOPIC_CONFIG)
    String gridEventsTopic;

    private final String run = "TI-" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void removeOwnAreas() throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("delete from grid_area where code like 'TI-%'");
            statement.execute("delete from audit_entry where code like 'TI-%'");
        }
    }

    @Test
    @DisplayName("a collection with a MultiPolygon and a grid with a hole is imported whole, children before parents, and announced")
    void importsWholeCollection() {
        var lagoon = ring(105.012, 30.002, 105.018, 30.008);
        var collection = collection(
                feature(run + "-G2", "GRID", run + "-C", polygon(ring(105.01, 30.0, 105.02, 30.01), lagoon)),
                feature(run + "-G1", "GRID", run + "-C", multiPolygon(ring(105.0, 30.0, 105.01, 30.004), ring(105.0, 30.006, 105.01, 30.01))),
                feature(run + "-C", "COMMUNITY", null, polygon(ring(105.0, 30.0, 105.02, 30.01))));

        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            importing(collection).then().statusCode(201)
                    .body("imported", equalTo(3))
                    .body("codes", contains(run + "-G2", run + "-G1", run + "-C"));

            as("CC-DISPATCHER-1").queryParam("lon", 105.005).queryParam("lat", 30.007).when().get("/api/v1/locate")
                    .then().statusCode(200).body("grid.code", equalTo(run + "-G1")).body("ancestors.code", contains(run + "-C"));
            // The lagoon is a hole in G2, so a point in it belongs to no grid.
            as("CC-DISPATCHER-1").queryParam("lon", 105.015).queryParam("lat", 30.005).when().get("/api/v1/locate")
                    .then().statusCode(404).body("code", equalTo("OUTSIDE_GRIDS"));
            as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-G1")
                    .then().statusCode(200).body("geometry.coordinates", hasSize(2));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                var events = tail.forSubject(run + "-G2");
                assertThat(events).hasSize(1);
                assertThat(events.get(0).event().path("type").asText()).isEqualTo(GridTypes.AREA_CHANGED.name());
                assertThat(events.get(0).event().path("data").path("geometry").path("type").asText()).isEqualTo("MultiPolygon");
                assertThat(events.get(0).event().path("data").path("parentCode").asText()).isEqualTo(run + "-C");
            });
        }
    }

    @Test
    @DisplayName("an import with bad features is refused whole, each bad feature reported with its index and reason")
    void badFeaturesAreAllReported() {
        var bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[105.0,30.0],[105.01,30.01],[105.01,30.0],[105.0,30.01],[105.0,30.0]]]}";
        var mercator = "{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},"
                + "\"coordinates\":" + "[" + ring(105.0, 30.0, 105.01, 30.01) + "]}";
        var collection = collection(
                feature(run + "-C", "COMMUNITY", null, polygon(ring(105.0, 30.0, 105.02, 30.01))),
                feature(run + "-BOW", "GRID", run + "-C", bowtie),
                feature(run + "-MERC", "GRID", run + "-C", mercator),
                feature(run + "-ORPHAN", "GRID", run + "-NOBODY", polygon(ring(105.0, 30.0, 105.01, 30.01))),
                feature(run + "-OUT", "GRID", run + "-C", polygon(ring(105.015, 30.0, 105.03, 30.01))),
                feature(run + "-OK", "GRID", run + "-C", polygon(ring(105.0, 30.0, 105.01, 30.01))),
                feature(run + "-OK", "GRID", run + "-C", polygon(ring(105.01, 30.0, 105.02, 30.01))),
                feature(run + "-PT", "GRID", run + "-C", "{\"type\":\"Point\",\"coordinates\":[105.0,30.0]}"),
                feature(run + "-OPEN", "GRID", run + "-C",
                        "{\"type\":\"Polygon\",\"coordinates\":[[[105.0,30.0],[105.01,30.0],[105.01,30.01],[105.0,30.01]]]}"),
                feature(run + "-FAR", "GRID", run + "-C", polygon(ring(105.0, 30.0, 195.0, 30.01))));

        importing(collection).then().statusCode(400)
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("message", containsString("8 of 10"))
                .body("features.index", contains(1, 2, 3, 4, 6, 7, 8, 9))
                .body("features.code", contains("GEOMETRY_INVALID", "GEOMETRY_WRONG_SRID", "PARENT_UNKNOWN", "OUTSIDE_PARENT",
                        "DUPLICATE_CODE", "GEOMETRY_NOT_POLYGONAL", "GEOMETRY_RING_NOT_CLOSED", "GEOMETRY_OUT_OF_RANGE"))
                .body("features[0].message", containsString("Self-intersection"));

        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-C").then().statusCode(404);
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-OK").then().statusCode(404);
    }

    @Test
    @DisplayName("malformed, empty, misnamed and oversized imports are 4xx with a JSON body and store nothing")
    void malformedImportsAreRefused() {
        asAdmin().contentType(ContentType.JSON).body("{\"type\":").when().post("/api/v1/areas/import")
                .then().statusCode(400).body("code", equalTo("UNREADABLE_BODY"));
        importing("{\"type\":\"Feature\"}").then().statusCode(400).body("code", equalTo("NOT_A_FEATURE_COLLECTION"));
        importing("{\"type\":\"FeatureCollection\",\"features\":[]}").then().statusCode(400).body("field", equalTo("features"));
        importing(collection(feature(run + "-L", "PLANET", null, polygon(ring(105.0, 30.0, 105.01, 30.01)))))
                .then().statusCode(400).body("features[0].field", equalTo("properties.level"));

        var features = new ArrayList<String>();
        for (int i = 0; i < 5_000; i++) {
            features.add(feature(run + "-BIG" + i, "GRID", null, polygon(ring(105.0, 30.0, 105.01, 30.01))));
        }
        importing(collection(features.toArray(String[]::new)))
                .then().statusCode(413).body("code", equalTo("IMPORT_TOO_LARGE"));
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-BIG0").then().statusCode(404);
    }

    @Test
    @DisplayName("a town exports as a FeatureCollection, parents first, that imports again under new codes")
    void exportImportsAgain() {
        var exported = as("CC-DISPATCHER-1").when().get("/api/v1/areas/D01-S1/export")
                .then().statusCode(200)
                .contentType(containsString("geo+json"))
                .body("type", equalTo("FeatureCollection"))
                .body("features[0].properties.code", equalTo("D01-S1"))
                .body("features[0].properties.parentCode", equalTo("D01"))
                .body("features.properties.code", org.hamcrest.Matchers.hasItems("D01-S1-C1", "G01", "G12", "DG-PORT", "DG-PARK"))
                .extract().asString();
        List<String> codes = io.restassured.path.json.JsonPath.from(exported).getList("features.properties.code");
        assertThat(codes).hasSize(1 + 2 + 12 + 2);

        // Rename every area (and every parent inside the town) so the copy can live beside the original.
        var copy = exported;
        for (var code : codes) {
            copy = copy.replace("\"" + code + "\"", "\"" + run + "-" + code + "\"");
        }
        importing(copy).then().statusCode(201).body("imported", equalTo(17));
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-D01-S1/coverage")
                .then().statusCode(200).body("complete", equalTo(true)).body("children", equalTo(2));
    }

    @Test
    @DisplayName("the demo district is fully covered, and a community's gap and its grids' overlap are found with their area in m²")
    void coverageFindsGapsAndOverlaps() {
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/D01/coverage")
                .then().statusCode(200).body("complete", equalTo(true)).body("children", equalTo(4))
                .body("gaps", empty()).body("overlaps", empty());

        // Community of 0.03° × 0.01°: A covers the west third, B overlaps A by 0.002°, the east 0.008° is left bare.
        importing(collection(
                feature(run + "-C", "COMMUNITY", null, polygon(ring(105.0, 30.0, 105.03, 30.01))),
                feature(run + "-A", "GRID", run + "-C", polygon(ring(105.0, 30.0, 105.012, 30.01))),
                feature(run + "-B", "GRID", run + "-C", polygon(ring(105.010, 30.0, 105.022, 30.01))),
                feature(run + "-P", "GRID", run + "-C", polygon(ring(105.024, 30.002, 105.026, 30.004)), "DEDICATED")))
                .then().statusCode(201);

        var coverage = as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-C/coverage")
                .then().statusCode(200)
                .body("complete", equalTo(false))
                .body("children", equalTo(2))
                .body("gaps", hasSize(1))
                .body("gaps[0].geometry.type", equalTo("Polygon"))
                .body("overlaps", hasSize(1))
                .body("overlaps[0].areas", contains(run + "-A", run + "-B"))
                .extract().jsonPath();
        // At 30° N: 0.008° of longitude ≈ 771 m, 0.002° ≈ 193 m, 0.01° of latitude ≈ 1,109 m.
        assertThat(coverage.getDouble("gaps[0].areaM2")).isBetween(0.98 * 771 * 1109, 1.02 * 771 * 1109);
        assertThat(coverage.getDouble("overlaps[0].areaM2")).isBetween(0.98 * 193 * 1109, 1.02 * 193 * 1109);

        as("CC-DISPATCHER-1").when().get("/api/v1/areas/TI-NOWHERE/coverage").then().statusCode(404);
    }

    private static io.restassured.response.Response importing(String body) {
        return asAdmin().contentType("application/geo+json").body(body).when().post("/api/v1/areas/import");
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String code, String level, String parent, String geometry) {
        return feature(code, level, parent, geometry, "COMPREHENSIVE");
    }

    private static String feature(String code, String level, String parent, String geometry, String kind) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"level\":\""
                + level + "\",\"kind\":\"" + kind + "\",\"parentCode\":" + (parent == null ? "null" : "\"" + parent + "\"")
                + "},\"geometry\":" + geometry + "}";
    }

    private static String polygon(String... rings) {
        return "{\"type\":\"Polygon\",\"coordinates\":[" + String.join(",", rings) + "]}";
    }

    private static String multiPolygon(String... outerRings) {
        var polygons = new ArrayList<String>();
        for (var ring : outerRings) {
            polygons.add("[" + ring + "]");
        }
        return "{\"type\":\"MultiPolygon\",\"coordinates\":[" + String.join(",", polygons) + "]}";
    }

    private static String ring(double w, double s, double e, double n) {
        return String.format(Locale.ROOT, "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]", w, s, e, s, e, n, w, n, w, s);
    }
}
