package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.as;
import static cn.gridgov.grid.Signed.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.testing.TopicTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
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

/**
 * GeoJSON import, export and the coverage check against the real PostGIS; each test removes its own
 * areas.
 */
@QuarkusTest
class AreaTransferTest {

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = GridEvents.TOPIC_CONFIG)
    String gridEventsTopic;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String run = "TI-" + UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void removeOwnAreas() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from staff where id like 'TI-%'");
            statement.execute("delete from grid_area where code like 'TI-%'");
            statement.execute("delete from audit_entry where code like 'TI-%'");
        }
    }

    @Test
    @DisplayName(
            "a collection with a MultiPolygon and a grid with a hole is imported whole, children before parents, and announced")
    void importsWholeCollection() {
        var lagoon = ring(105.012, 30.002, 105.018, 30.008);
        var collection =
                collection(
                        feature(
                                run + "-G2",
                                "GRID",
                                run + "-C",
                                polygon(ring(105.01, 30.0, 105.02, 30.01), lagoon)),
                        feature(
                                run + "-G1",
                                "GRID",
                                run + "-C",
                                multiPolygon(
                                        ring(105.0, 30.0, 105.01, 30.004),
                                        ring(105.0, 30.006, 105.01, 30.01))),
                        feature(
                                run + "-C",
                                "COMMUNITY",
                                null,
                                polygon(ring(105.0, 30.0, 105.02, 30.01))));

        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            importing(collection)
                    .then()
                    .statusCode(201)
                    .body("added", contains(run + "-G2", run + "-G1", run + "-C"))
                    .body("changed", empty())
                    .body("removed", empty())
                    .body("version", org.hamcrest.Matchers.greaterThan(0));

            as("CC-DISPATCHER-1")
                    .queryParam("lon", 105.005)
                    .queryParam("lat", 30.007)
                    .when()
                    .get("/api/v1/locate")
                    .then()
                    .statusCode(200)
                    .body("grid.code", equalTo(run + "-G1"))
                    .body("ancestors.code", contains(run + "-C"));
            // The lagoon is a hole in G2, so a point in it belongs to no grid.
            as("CC-DISPATCHER-1")
                    .queryParam("lon", 105.015)
                    .queryParam("lat", 30.005)
                    .when()
                    .get("/api/v1/locate")
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("OUTSIDE_GRIDS"));
            as("CC-DISPATCHER-1")
                    .when()
                    .get("/api/v1/areas/" + run + "-G1")
                    .then()
                    .statusCode(200)
                    .body("geometry.coordinates", hasSize(2));

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> {
                                var events = tail.forSubject(run + "-G2");
                                assertThat(events).hasSize(1);
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
                                assertThat(
                                                events.get(0)
                                                        .event()
                                                        .path("data")
                                                        .path("parentCode")
                                                        .asText())
                                        .isEqualTo(run + "-C");
                            });
        }
    }

    @Test
    @DisplayName(
            "an import with bad features is refused whole, each bad feature reported with its index and reason")
    void badFeaturesAreAllReported() {
        var bowtie =
                "{\"type\":\"Polygon\",\"coordinates\":[[[105.0,30.0],[105.01,30.01],[105.01,30.0],[105.0,30.01],[105.0,30.0]]]}";
        var mercator =
                "{\"type\":\"Polygon\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},"
                        + "\"coordinates\":"
                        + "["
                        + ring(105.0, 30.0, 105.01, 30.01)
                        + "]}";
        var collection =
                collection(
                        feature(
                                run + "-C",
                                "COMMUNITY",
                                null,
                                polygon(ring(105.0, 30.0, 105.02, 30.01))),
                        feature(run + "-BOW", "GRID", run + "-C", bowtie),
                        feature(run + "-MERC", "GRID", run + "-C", mercator),
                        feature(
                                run + "-ORPHAN",
                                "GRID",
                                run + "-NOBODY",
                                polygon(ring(106.0, 31.0, 106.01, 31.01))),
                        feature(
                                run + "-OUT",
                                "GRID",
                                run + "-C",
                                polygon(ring(105.015, 30.0, 105.03, 30.01))),
                        feature(
                                run + "-OK",
                                "GRID",
                                run + "-C",
                                polygon(ring(105.0, 30.0, 105.01, 30.01))),
                        feature(
                                run + "-OK",
                                "GRID",
                                run + "-C",
                                polygon(ring(105.01, 30.0, 105.02, 30.01))),
                        feature(
                                run + "-PT",
                                "GRID",
                                run + "-C",
                                "{\"type\":\"Point\",\"coordinates\":[105.0,30.0]}"),
                        feature(
                                run + "-OPEN",
                                "GRID",
                                run + "-C",
                                "{\"type\":\"Polygon\",\"coordinates\":[[[105.0,30.0],[105.01,30.0],[105.01,30.01],[105.0,30.01]]]}"),
                        feature(
                                run + "-FAR",
                                "GRID",
                                run + "-C",
                                polygon(ring(105.0, 30.0, 195.0, 30.01))));

        importing(collection)
                .then()
                .statusCode(400)
                .body("code", equalTo("IMPORT_REJECTED"))
                .body("message", containsString("8 of 10"))
                .body("features.index", contains(1, 2, 3, 4, 6, 7, 8, 9))
                .body(
                        "features.feature",
                        contains(
                                run + "-BOW",
                                run + "-MERC",
                                run + "-ORPHAN",
                                run + "-OUT",
                                run + "-OK",
                                run + "-PT",
                                run + "-OPEN",
                                run + "-FAR"))
                .body(
                        "features.code",
                        contains(
                                "GEOMETRY_INVALID",
                                "GEOMETRY_WRONG_SRID",
                                "PARENT_UNKNOWN",
                                "OUTSIDE_PARENT",
                                "DUPLICATE_CODE",
                                "GEOMETRY_NOT_POLYGONAL",
                                "GEOMETRY_RING_NOT_CLOSED",
                                "GEOMETRY_OUT_OF_RANGE"))
                .body("features[0].message", containsString("Self-intersection"));

        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-C").then().statusCode(404);
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-OK").then().statusCode(404);
    }

    @Test
    @DisplayName(
            "malformed, empty, misnamed and oversized imports are 4xx with a JSON body and store nothing")
    void malformedImportsAreRefused() {
        asAdmin()
                .contentType(ContentType.JSON)
                .body("{\"type\":")
                .when()
                .post("/api/v1/areas/import")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNREADABLE_BODY"));
        importing("{\"type\":\"Feature\"}")
                .then()
                .statusCode(400)
                .body("code", equalTo("NOT_A_FEATURE_COLLECTION"));
        importing("{\"type\":\"FeatureCollection\",\"features\":[]}")
                .then()
                .statusCode(400)
                .body("field", equalTo("features"));
        importing(
                        collection(
                                feature(
                                        run + "-L",
                                        "PLANET",
                                        null,
                                        polygon(ring(105.0, 30.0, 105.01, 30.01)))))
                .then()
                .statusCode(400)
                .body("features[0].field", equalTo("properties.level"));

        var features = new ArrayList<String>();
        for (int i = 0; i < 5_000; i++) {
            features.add(
                    feature(
                            run + "-BIG" + i,
                            "GRID",
                            null,
                            polygon(ring(105.0, 30.0, 105.01, 30.01))));
        }
        importing(collection(features.toArray(String[]::new)))
                .then()
                .statusCode(413)
                .body("code", equalTo("IMPORT_TOO_LARGE"));
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-BIG0").then().statusCode(404);
    }

    @Test
    @DisplayName(
            "a town exports as a FeatureCollection, parents first, that imports again under new codes when overlaps are allowed, and locate then names both grids of a point")
    void exportImportsAgain() {
        var exported =
                as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/areas/D01-S1/export")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("geo+json"))
                        .body("type", equalTo("FeatureCollection"))
                        .body("features[0].properties.code", equalTo("D01-S1"))
                        .body("features[0].properties.parentCode", equalTo("D01"))
                        .body(
                                "features.properties.code",
                                org.hamcrest.Matchers.hasItems(
                                        "D01-S1-C1", "G01", "G12", "DG-PORT", "DG-PARK"))
                        .extract()
                        .asString();
        List<String> codes =
                io.restassured.path.json.JsonPath.from(exported)
                        .getList("features.properties.code");
        assertThat(codes).hasSize(1 + 2 + 12 + 2);

        // Rename every area (and every parent inside the town) so the copy can live beside the
        // original.
        var copy = exported;
        for (var code : codes) {
            copy = copy.replace("\"" + code + "\"", "\"" + run + "-" + code + "\"");
        }
        importing(copy).then().statusCode(400).body("features[0].code", equalTo("GRIDS_OVERLAP"));
        importing(copy, "allowOverlaps", "true").then().statusCode(201).body("added", hasSize(17));
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/" + run + "-D01-S1/coverage")
                .then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("children", equalTo(2));
        // The centre of G01, which the copy doubles.
        as("CC-DISPATCHER-1")
                .queryParam("lon", 119.105)
                .queryParam("lat", 35.004)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("grid.code", equalTo("G01"))
                .body("overlapping", contains("G01", run + "-G01"));
    }

    @Test
    @DisplayName(
            "the demo district is fully covered, and a community's gap and its grids' overlap are found with their area in m²")
    void coverageFindsGapsAndOverlaps() {
        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/D01/coverage")
                .then()
                .statusCode(200)
                .body("complete", equalTo(true))
                .body("children", equalTo(4))
                .body("gaps", empty())
                .body("overlaps", empty());

        // Community of 0.03° × 0.01°: A covers the west third, B overlaps A by 0.002°, the east
        // 0.008° is left bare.
        importing(
                        collection(
                                feature(
                                        run + "-C",
                                        "COMMUNITY",
                                        null,
                                        polygon(ring(105.0, 30.0, 105.03, 30.01))),
                                feature(
                                        run + "-A",
                                        "GRID",
                                        run + "-C",
                                        polygon(ring(105.0, 30.0, 105.012, 30.01))),
                                feature(
                                        run + "-B",
                                        "GRID",
                                        run + "-C",
                                        polygon(ring(105.010, 30.0, 105.022, 30.01))),
                                feature(
                                        run + "-P",
                                        "GRID",
                                        run + "-C",
                                        polygon(ring(105.024, 30.002, 105.026, 30.004)),
                                        "DEDICATED")),
                        "allowOverlaps",
                        "true")
                .then()
                .statusCode(201);

        var coverage =
                as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/areas/" + run + "-C/coverage")
                        .then()
                        .statusCode(200)
                        .body("complete", equalTo(false))
                        .body("children", equalTo(2))
                        .body("gaps", hasSize(1))
                        .body("gaps[0].geometry.type", equalTo("Polygon"))
                        .body("overlaps", hasSize(1))
                        .body("overlaps[0].areas", contains(run + "-A", run + "-B"))
                        .extract()
                        .jsonPath();
        // At 30° N: 0.008° of longitude ≈ 771 m, 0.002° ≈ 193 m, 0.01° of latitude ≈ 1,109 m.
        assertThat(coverage.getDouble("gaps[0].areaM2"))
                .isBetween(0.98 * 771 * 1109, 1.02 * 771 * 1109);
        assertThat(coverage.getDouble("overlaps[0].areaM2"))
                .isBetween(0.98 * 193 * 1109, 1.02 * 193 * 1109);

        as("CC-DISPATCHER-1")
                .when()
                .get("/api/v1/areas/TI-NOWHERE/coverage")
                .then()
                .statusCode(404);
    }

    @Test
    @DisplayName(
            "a community exported and imported again changes nothing, also as QGIS saves it; edited, the preview lists what is added, changed and removed with the coverage before and after, and applying it makes one version, announced and audited")
    void editedExportUpdatesTheGrids() throws Exception {
        importing(community()).then().statusCode(201);
        var exported =
                as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/areas/" + run + "-C/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();

        long base =
                previewing(exported)
                        .then()
                        .statusCode(200)
                        .body("nothingChanged", equalTo(true))
                        .body("unchanged", equalTo(5))
                        .body("added", empty())
                        .body("changed", empty())
                        .body("removed", empty())
                        .extract()
                        .jsonPath()
                        .getLong("baseVersion");
        importing(exported)
                .then()
                .statusCode(200)
                .body("nothingChanged", equalTo(true))
                .body("version", nullValue());
        var qgis = asQgisWrites(exported);
        previewing(qgis)
                .then()
                .statusCode(200)
                .body("nothingChanged", equalTo(true))
                .body("baseVersion", equalTo((int) base));

        // In QGIS: G1 renamed, the border between G2 and G3 moved east, G4 deleted and G5 drawn in
        // its place.
        var edited = JSON.readTree(qgis);
        var features = (ArrayNode) edited.get("features");
        for (int i = features.size() - 1; i >= 0; i--) {
            var feature = (ObjectNode) features.get(i);
            var code = feature.path("properties").path("code").asText();
            if (code.equals(run + "-G1")) {
                ((ObjectNode) feature.get("properties")).put("name", "一网格（新）");
            } else if (code.equals(run + "-G2")) {
                feature.set(
                        "geometry",
                        JSON.readTree(multiPolygon(ring(107.01, 30.0, 107.025, 30.01))));
            } else if (code.equals(run + "-G3")) {
                feature.set(
                        "geometry",
                        JSON.readTree(multiPolygon(ring(107.025, 30.0, 107.03, 30.01))));
            } else if (code.equals(run + "-G4")) {
                features.remove(i);
            }
        }
        features.add(
                JSON.readTree(
                        feature(
                                run + "-G5",
                                "GRID",
                                run + "-C",
                                multiPolygon(ring(107.03, 30.0, 107.04, 30.01)))));
        var editedFile = edited.toString();

        var preview =
                previewing(editedFile)
                        .then()
                        .statusCode(200)
                        .body("nothingChanged", equalTo(false))
                        .body("added", contains(run + "-G5"))
                        .body("changed.code", contains(run + "-G1", run + "-G2", run + "-G3"))
                        .body(
                                "changed.fields",
                                contains(List.of("name"), List.of("geometry"), List.of("geometry")))
                        .body("removed.code", contains(run + "-G4"))
                        .body("removed.under", contains(run + "-C"))
                        .body("unchanged", equalTo(1))
                        .body("coverage.areaCode", contains(run + "-C"))
                        .body("coverage[0].before.complete", equalTo(true))
                        .body("coverage[0].after.complete", equalTo(true))
                        .body("coverage[0].before.children", equalTo(4))
                        .body("coverage[0].after.children", equalTo(4))
                        .body("reshapedGrids", contains(run + "-G2", run + "-G3", run + "-G4"))
                        .extract()
                        .jsonPath();
        long previewed = preview.getLong("baseVersion");
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-G4").then().statusCode(200);

        try (var tail = new TopicTail(bootstrap, gridEventsTopic)) {
            long version =
                    importing(editedFile, "baseVersion", previewed)
                            .then()
                            .statusCode(201)
                            .body("removed.code", contains(run + "-G4"))
                            .extract()
                            .jsonPath()
                            .getLong("version");
            assertThat(version).isGreaterThan(previewed);

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> {
                                assertThat(tail.forSubject(run + "-G1"))
                                        .anySatisfy(
                                                e ->
                                                        assertThat(
                                                                        e.event()
                                                                                .path("data")
                                                                                .path("name")
                                                                                .asText())
                                                                .isEqualTo("一网格（新）"));
                                assertThat(tail.forSubject(run + "-G4"))
                                        .singleElement()
                                        .satisfies(
                                                e -> {
                                                    assertThat(e.event().path("type").asText())
                                                            .isEqualTo(
                                                                    GridTypes.AREA_REMOVED.name());
                                                    assertThat(
                                                                    e.event()
                                                                            .path("data")
                                                                            .path("version")
                                                                            .asLong())
                                                            .isEqualTo(version);
                                                });
                                assertThat(tail.forSubject("import-" + version))
                                        .singleElement()
                                        .satisfies(
                                                e -> {
                                                    assertThat(e.event().path("type").asText())
                                                            .isEqualTo(
                                                                    GridTypes.AREA_IMPORT_APPLIED
                                                                            .name());
                                                    assertThat(
                                                                    e.event()
                                                                            .path("data")
                                                                            .path("actor")
                                                                            .asText())
                                                            .isEqualTo("CC-ADMIN-1");
                                                    assertThat(
                                                                    e.event()
                                                                            .path("data")
                                                                            .path("added")
                                                                            .toString())
                                                            .isEqualTo("[\"" + run + "-G5\"]");
                                                    assertThat(
                                                                    e.event()
                                                                            .path("data")
                                                                            .path("changed")
                                                                            .toString())
                                                            .isEqualTo(
                                                                    "[\""
                                                                            + run
                                                                            + "-G1\",\""
                                                                            + run
                                                                            + "-G2\",\""
                                                                            + run
                                                                            + "-G3\"]");
                                                });
                            });
        }
        importing(editedFile, "baseVersion", previewed)
                .then()
                .statusCode(409)
                .body("code", equalTo("GRIDS_CHANGED_SINCE_PREVIEW"))
                .body("field", equalTo("baseVersion"));
        importing(editedFile).then().statusCode(200).body("nothingChanged", equalTo(true));

        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-G4").then().statusCode(404);
        as("CC-DISPATCHER-1")
                .queryParam("lon", 107.022)
                .queryParam("lat", 30.005)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("grid.code", equalTo(run + "-G2"));
        asAdmin()
                .queryParam("kind", "AREA")
                .queryParam("code", run + "-G1")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("IMPORT_UPDATE", "IMPORT"))
                .body("[0].actor", equalTo("CC-ADMIN-1"))
                .body("[0].before.name", equalTo(run + "-G1"))
                .body("[0].after.name", equalTo("一网格（新）"));
        asAdmin()
                .queryParam("kind", "AREA")
                .queryParam("code", run + "-G4")
                .when()
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("IMPORT_REMOVE", "IMPORT"))
                .body("[0].before.code", equalTo(run + "-G4"))
                .body("[0].after", nullValue());
    }

    @Test
    @DisplayName(
            "comprehensive grids that overlap are refused, naming the feature by index and code and the grid it overlaps, unless allowed; locate then names every grid a point lies inside, and none on a shared border")
    void overlappingGridsAreRefusedUnlessAllowed() {
        var overlapping =
                collection(
                        feature(
                                run + "-C",
                                "COMMUNITY",
                                null,
                                polygon(ring(107.0, 30.0, 107.03, 30.01))),
                        feature(
                                run + "-A",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.0, 30.0, 107.012, 30.01))),
                        feature(
                                run + "-B",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.010, 30.0, 107.02, 30.01))),
                        feature(
                                run + "-G",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.02, 30.0, 107.03, 30.01))));

        importing(overlapping)
                .then()
                .statusCode(400)
                .body("features", hasSize(1))
                .body("features[0].index", equalTo(2))
                .body("features[0].feature", equalTo(run + "-B"))
                .body("features[0].code", equalTo("GRIDS_OVERLAP"))
                .body("features[0].message", containsString(run + "-A"));
        previewing(overlapping)
                .then()
                .statusCode(400)
                .body("features[0].code", equalTo("GRIDS_OVERLAP"));
        importing(overlapping, "allowOverlaps", "true").then().statusCode(201);

        as("CC-DISPATCHER-1")
                .queryParam("lon", 107.011)
                .queryParam("lat", 30.005)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("grid.code", equalTo(run + "-A"))
                .body("overlapping", contains(run + "-A", run + "-B"));
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"points\":[{\"longitude\":107.011,\"latitude\":30.005},{\"longitude\":107.02,\"latitude\":30.005}]}")
                .when()
                .post("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("locations[0].overlapping", contains(run + "-A", run + "-B"))
                .body("locations[1].grid", equalTo(run + "-B"))
                .body("locations[1].overlapping", nullValue());
        as("CC-DISPATCHER-1")
                .queryParam("lon", 107.02)
                .queryParam("lat", 30.005)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("overlapping", empty());
        // A grid of the file overlapping a stored one is refused too.
        importing(
                        collection(
                                feature(
                                        run + "-D",
                                        "GRID",
                                        run + "-C",
                                        polygon(ring(107.025, 30.0, 107.03, 30.005)))))
                .then()
                .statusCode(400)
                .body("features[0].feature", equalTo(run + "-D"))
                .body("features[0].message", containsString(run + "-G"));
    }

    @Test
    @DisplayName(
            "an import that would remove an area a post still names is refused, naming the feature whose area held it")
    void areaInUseIsNotRemoved() {
        importing(community()).then().statusCode(201);
        asAdmin()
                .contentType(ContentType.JSON)
                .body(
                        "{\"id\":\""
                                + run
                                + "-P\",\"name\":\"网格员\",\"onDuty\":false,\"posts\":[{\"role\":\"GRID_WORKER\",\"areaCode\":\""
                                + run
                                + "-G4\"}]}")
                .when()
                .post("/api/v1/staff")
                .then()
                .statusCode(201);
        var withoutG4 =
                collection(
                        feature(
                                run + "-C",
                                "COMMUNITY",
                                null,
                                polygon(ring(107.0, 30.0, 107.04, 30.01))),
                        feature(
                                run + "-G1",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.0, 30.0, 107.01, 30.01))),
                        feature(
                                run + "-G2",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.01, 30.0, 107.02, 30.01))),
                        feature(
                                run + "-G3",
                                "GRID",
                                run + "-C",
                                polygon(ring(107.02, 30.0, 107.04, 30.01))));

        previewing(withoutG4)
                .then()
                .statusCode(400)
                .body("features[0].index", equalTo(0))
                .body("features[0].feature", equalTo(run + "-C"))
                .body("features[0].code", equalTo("AREA_IN_USE"))
                .body("features[0].message", containsString(run + "-G4"));
        as("CC-DISPATCHER-1").when().get("/api/v1/areas/" + run + "-G4").then().statusCode(200);
    }

    @Test
    @DisplayName(
            "a land office's GeoPackage and Shapefile (in CGCS2000) come in through ogr2ogr -f GeoJSON as the README shows, and match the grids they were made from")
    void geoPackagesAndShapefilesComeInThroughOgr2ogr() throws Exception {
        importing(community()).then().statusCode(201);
        var exported =
                as("CC-DISPATCHER-1")
                        .when()
                        .get("/api/v1/areas/" + run + "-C/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        var dir = Files.createTempDirectory("grids-ogr");
        try {
            var source = Files.writeString(dir.resolve("export.geojson"), exported);
            ogr2ogr("-f", "GPKG", dir.resolve("grids.gpkg").toString(), source.toString());
            ogr2ogr(
                    "-f",
                    "ESRI Shapefile",
                    "-t_srs",
                    "EPSG:4490",
                    dir.resolve("grids.shp").toString(),
                    source.toString());

            for (var landOffice : List.of("grids.gpkg", "grids.shp")) {
                var converted = dir.resolve(landOffice + ".geojson");
                // The command of the README.
                ogr2ogr(
                        "-f",
                        "GeoJSON",
                        "-t_srs",
                        "EPSG:4326",
                        converted.toString(),
                        dir.resolve(landOffice).toString());
                previewing(Files.readString(converted))
                        .then()
                        .statusCode(200)
                        .body("nothingChanged", equalTo(true))
                        .body("unchanged", equalTo(5));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Debian's gdal-bin; {@code deploy/stack.sh test} installs it when missing. */
    private static void ogr2ogr(String... arguments) throws Exception {
        var command = new ArrayList<String>(List.of("ogr2ogr"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(
                    "ogr2ogr is missing: run deploy/stack.sh test, or apt-get install gdal-bin", e);
        }
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("ogr2ogr %s: %s", command, output).isZero();
    }

    /** A community of four grids side by side, each 0.01° wide. */
    private String community() {
        return collection(
                feature(run + "-C", "COMMUNITY", null, polygon(ring(107.0, 30.0, 107.04, 30.01))),
                feature(run + "-G1", "GRID", run + "-C", polygon(ring(107.0, 30.0, 107.01, 30.01))),
                feature(
                        run + "-G2",
                        "GRID",
                        run + "-C",
                        polygon(ring(107.01, 30.0, 107.02, 30.01))),
                feature(
                        run + "-G3",
                        "GRID",
                        run + "-C",
                        polygon(ring(107.02, 30.0, 107.03, 30.01))),
                feature(
                        run + "-G4",
                        "GRID",
                        run + "-C",
                        polygon(ring(107.03, 30.0, 107.04, 30.01))));
    }

    /**
     * The file as QGIS 3 saves a layer loaded from it (GDAL's GeoJSON driver): the layer's name, a
     * {@code crs} naming CRS84, the feature id moved into the properties and a {@code fid}, empty
     * fields written as null, coordinates at full precision.
     */
    private static String asQgisWrites(String exported) throws Exception {
        var collection = (ObjectNode) JSON.readTree(exported);
        var saved = JSON.createObjectNode().put("type", "FeatureCollection").put("name", "grids");
        saved.putObject("crs")
                .put("type", "name")
                .putObject("properties")
                .put("name", "urn:ogc:def:crs:OGC:1.3:CRS84");
        var features = saved.putArray("features");
        int fid = 1;
        for (var feature : collection.get("features")) {
            var properties =
                    JSON.createObjectNode()
                            .put("fid", fid++)
                            .put("id", feature.path("id").asText());
            properties.setAll((ObjectNode) feature.get("properties"));
            features.addObject()
                    .put("type", "Feature")
                    .<ObjectNode>set("properties", properties)
                    .set("geometry", feature.get("geometry"));
        }
        return saved.toString();
    }

    private static io.restassured.response.Response previewing(String body, Object... query) {
        var request = asAdmin().contentType("application/geo+json; charset=UTF-8").body(body);
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().post("/api/v1/areas/import/preview");
    }

    private static io.restassured.response.Response importing(String body, Object... query) {
        var request = asAdmin().contentType("application/geo+json; charset=UTF-8").body(body);
        for (int i = 0; i < query.length; i += 2) {
            request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().post("/api/v1/areas/import");
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String code, String level, String parent, String geometry) {
        return feature(code, level, parent, geometry, "COMPREHENSIVE");
    }

    private static String feature(
            String code, String level, String parent, String geometry, String kind) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\""
                + code
                + "\",\"name\":\""
                + code
                + "\",\"level\":\""
                + level
                + "\",\"kind\":\""
                + kind
                + "\",\"parentCode\":"
                + (parent == null ? "null" : "\"" + parent + "\"")
                + "},\"geometry\":"
                + geometry
                + "}";
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
        return String.format(
                Locale.ROOT,
                "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]",
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
