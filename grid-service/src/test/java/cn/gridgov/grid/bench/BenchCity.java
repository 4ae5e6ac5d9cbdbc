package cn.gridgov.grid.bench;

import cn.gridgov.grid.area.NewArea;
import cn.gridgov.grid.demo.DemoTown;
import cn.gridgov.grid.demo.TownGenerator;
import cn.gridgov.grid.geojson.AreaImporter;
import cn.gridgov.grid.geojson.FeatureReader;
import cn.gridgov.grid.geojson.ImportOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * The 12,000-grid benchmark city: loaded once through the GeoJSON importer, kept for later runs.
 */
final class BenchCity {

    private BenchCity() {}

    static void loadIfAbsent(AgroalDataSource dataSource, AreaImporter importer, ObjectMapper json)
            throws Exception {
        var plan = DemoTown.BENCH_CITY;
        if (exists(dataSource, plan.district())) {
            System.out.println("bench city already loaded");
            return;
        }
        List<NewArea> areas = TownGenerator.areas(plan);
        var collection = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < areas.size(); i++) {
            var area = areas.get(i);
            if (i > 0) {
                collection.append(',');
            }
            var properties =
                    json.createObjectNode()
                            .put("code", area.code())
                            .put("name", area.name())
                            .put("level", area.level().name())
                            .put("kind", area.kind().name())
                            .put("parentCode", area.parentCode());
            collection
                    .append("{\"type\":\"Feature\",\"properties\":")
                    .append(properties)
                    .append(",\"geometry\":")
                    .append(area.geoJson())
                    .append('}');
        }
        collection.append("]}");
        long start = System.nanoTime();
        var read = FeatureReader.read(json.readTree(collection.toString()), 50_000);
        importer.applyQuietly(read);
        System.out.printf(
                "bench city imported: %d areas (%d grids), %.1f MB of GeoJSON, in %.1f s%n",
                areas.size(),
                plan.gridCount(),
                collection.length() / 1e6,
                (System.nanoTime() - start) / 1e9);
        // The same file again, as after an export: every area compared with what is stored, nothing
        // written.
        start = System.nanoTime();
        var again = importer.preview(read, ImportOptions.STRICT);
        System.out.printf(
                "bench city previewed again: nothingChanged=%s, %d unchanged, in %.1f s%n",
                again.nothingChanged(), again.unchanged(), (System.nanoTime() - start) / 1e9);
    }

    /** Takes the city out again, so the normal tests sharing this database stay small and quick. */
    static void remove(AgroalDataSource dataSource) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            // One statement: parents and children go together.
            statement.execute("delete from grid_area where code like 'BC%'");
        }
    }

    /**
     * Points spread over the whole city, each inside some grid; seeded, so every run asks the same.
     */
    static double[][] points(int count) {
        var plan = DemoTown.BENCH_CITY;
        var random = new Random(42);
        var points = new double[count][];
        for (int i = 0; i < count; i++) {
            var centre =
                    TownGenerator.centreOf(
                            plan, random.nextInt(plan.columns()), random.nextInt(plan.rows()));
            points[i] =
                    new double[] {
                        centre[0] + (random.nextDouble() - 0.5) * plan.cellLon() * 0.9,
                        centre[1] + (random.nextDouble() - 0.5) * plan.cellLat() * 0.9
                    };
        }
        return points;
    }

    private static boolean exists(AgroalDataSource dataSource, String code) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement("select 1 from grid_area where code = ?")) {
            statement.setString(1, code);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
