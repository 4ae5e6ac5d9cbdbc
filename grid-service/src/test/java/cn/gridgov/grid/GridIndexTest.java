package cn.gridgov.grid;

import static cn.gridgov.grid.Signed.asService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.grid.area.GridIndex;
import cn.gridgov.grid.area.LocateQuery;
import cn.gridgov.grid.area.Location;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory locate index against PostGIS, on the demo town in the real database. */
@QuarkusTest
class GridIndexTest {

    @Inject GridIndex index;

    @Inject LocateQuery postgis;

    @Inject AgroalDataSource dataSource;

    @AfterEach
    void removeOwnAreas() throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from grid_area where code like 'TX-%'");
        }
    }

    @Test
    @DisplayName(
            "once current, the index answers as PostGIS does: grids, shared borders, ancestors, overlays and holes")
    void indexAgreesWithPostgis() {
        await().atMost(Duration.ofSeconds(15)).until(index::isCurrent);
        double[][] points = {
            {119.165, 35.004}, // G07
            {119.105, 35.002}, // G01 under the port
            {119.110, 35.002}, // the border of G01 and G02, under the port
            {119.130, 35.008}, // the corner of G03, G04, G11 and G12, in the park
            {119.152, 35.034}, // G38, on the scenic area's beach
            {119.155, 35.036}, // G38, in the scenic area's lagoon (a hole)
            {119.100, 35.000}, // the district's south-west corner
            {118.000, 35.000}
        }; // outside the town
        for (var p : points) {
            var fromPostgis = postgis.at(p[0], p[1]).await().atMost(Duration.ofSeconds(5));
            var fromMemory = index.locateInMemory(p[0], p[1]);
            assertThat(codes(fromMemory)).as("(%s, %s)", p[0], p[1]).isEqualTo(codes(fromPostgis));
        }
        assertThat(codes(index.locateInMemory(119.110, 35.002)))
                .isEqualTo(List.of("G01", "D01-S1-C1,D01-S1,D01", "DG-PORT", ""));
        assertThat(codes(index.locateInMemory(119.155, 35.036)).get(2)).isEmpty();
    }

    @Test
    @DisplayName(
            "an area written behind the service's back reaches locate within a poll, and so does its removal")
    void changesBehindTheServicesBackArrive() throws SQLException {
        var code = "TX-" + UUID.randomUUID().toString().substring(0, 6);
        execute(
                "insert into grid_area (code, name, level, kind, geom) values ('"
                        + code
                        + "', 'x', 'GRID', 'COMPREHENSIVE',"
                        + " ST_Multi(ST_MakeEnvelope(108.0, 30.0, 108.01, 30.01, 4326)))");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            assertThat(index.isCurrent()).isTrue();
                            assertThat(index.locateInMemory(108.005, 30.005)).isNotNull();
                        });
        asService()
                .queryParam("lon", 108.005)
                .queryParam("lat", 30.005)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(200)
                .body("grid.code", equalTo(code));

        execute("delete from grid_area where code = '" + code + "'");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            assertThat(index.isCurrent()).isTrue();
                            assertThat(index.locateInMemory(108.005, 30.005)).isNull();
                        });
        asService()
                .queryParam("lon", 108.005)
                .queryParam("lat", 30.005)
                .when()
                .get("/api/v1/locate")
                .then()
                .statusCode(404);
    }

    @Test
    @DisplayName(
            "where two comprehensive grids overlap, the index and PostGIS both name every grid a point lies inside, and none on a border inside the other")
    void overlapsAreNamedAlike() throws SQLException {
        var code = "TX-" + UUID.randomUUID().toString().substring(0, 6);
        // Half a grid east of G07's west edge: over the east half of G07 and the west half of G08.
        execute(
                "insert into grid_area (code, name, level, kind, geom) values ('"
                        + code
                        + "', 'x', 'GRID', 'COMPREHENSIVE',"
                        + " ST_Multi(ST_MakeEnvelope(119.165, 35.0, 119.175, 35.008, 4326)))");
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                assertThat(index.isCurrent()).isTrue();
                                assertThat(codes(index.locateInMemory(119.168, 35.004)).get(3))
                                        .isEqualTo("G07," + code);
                            });
            double[][] points = {
                {119.168, 35.004}, // inside G07 and the new grid
                {119.172, 35.004}, // inside G08 and the new grid
                {119.170, 35.004}, // on the border of G07 and G08, inside the new grid alone
                {119.162, 35.004}
            }; // G07 alone
            for (var p : points) {
                var fromPostgis = postgis.at(p[0], p[1]).await().atMost(Duration.ofSeconds(5));
                assertThat(codes(index.locateInMemory(p[0], p[1])))
                        .as("(%s, %s)", p[0], p[1])
                        .isEqualTo(codes(fromPostgis));
            }
            assertThat(codes(index.locateInMemory(119.172, 35.004)).get(3))
                    .isEqualTo("G08," + code);
            assertThat(codes(index.locateInMemory(119.170, 35.004)).get(3)).isEmpty();
            assertThat(codes(index.locateInMemory(119.162, 35.004)).get(3)).isEmpty();
        } finally {
            execute("delete from grid_area where code = '" + code + "'");
        }
    }

    private void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> codes(Location location) {
        if (location == null) {
            return List.of();
        }
        return List.of(
                location.grid().code,
                String.join(",", location.ancestors().stream().map(a -> a.code).toList()),
                String.join(",", location.dedicated().stream().map(a -> a.code).toList()),
                String.join(",", location.overlapping()));
    }
}
