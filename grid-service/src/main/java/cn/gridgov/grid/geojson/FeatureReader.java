package cn.gridgov.grid.geojson;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.postgis.jdbc.geometry.LinearRing;
import net.postgis.jdbc.geometry.MultiPolygon;
import net.postgis.jdbc.geometry.Point;
import net.postgis.jdbc.geometry.Polygon;

/**
 * Reads a GeoJSON FeatureCollection into features with PostGIS JDBC geometries, checking in Java
 * what needs no database: structure, properties, coordinate ranges, closed rings and the CRS. Every
 * bad feature is reported, not just the first. Geometry validity and the hierarchy are left to
 * PostGIS ({@link AreaImporter}).
 */
public final class FeatureReader {

    /** What came out of a collection: the good features and the problems of the bad ones. */
    public record Result(List<ImportFeature> features, List<FeatureProblem> problems, List<String> codes, int count) {
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Names of WGS 84 longitude/latitude that GeoJSON writers (QGIS, GDAL, older specs) put in "crs". */
    private static final Set<String> WGS84 = Set.of("EPSG:4326", "URN:OGC:DEF:CRS:EPSG::4326",
            "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "CRS84", "OGC:CRS84");

    private FeatureReader() {
    }

    public static Result read(JsonNode collection, int maxFeatures) {
        if (collection == null || !collection.isObject() || !"FeatureCollection".equals(collection.path("type").asText())) {
            throw Problem.invalid("NOT_A_FEATURE_COLLECTION", "type", "the body must be a GeoJSON FeatureCollection");
        }
        var features = collection.get("features");
        if (features == null || !features.isArray() || features.isEmpty()) {
            throw Problem.invalid("NO_FEATURES", "features", "features must be a non-empty array");
        }
        if (features.size() > maxFeatures) {
            throw new Problem(Problem.Kind.TOO_LARGE, "TOO_MANY_FEATURES", "features",
                    "at most " + maxFeatures + " features per import, got " + features.size());
        }
        var collectionCrs = crsProblem(collection.get("crs"));
        var good = new ArrayList<ImportFeature>();
        var problems = new ArrayList<FeatureProblem>();
        var codes = new ArrayList<String>();
        for (int i = 0; i < features.size(); i++) {
            var feature = features.get(i);
            codes.add(feature.path("properties").path("code").asText(null));
            try {
                if (collectionCrs != null) {
                    throw new Bad("GEOMETRY_WRONG_SRID", "crs", collectionCrs);
                }
                good.add(feature(i, feature));
            } catch (Bad bad) {
                problems.add(new FeatureProblem(i, bad.code, bad.field, bad.getMessage()));
            }
        }
        return new Result(good, problems, codes, features.size());
    }

    private static ImportFeature feature(int index, JsonNode feature) {
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
            throw new Bad("NOT_A_FEATURE", "type", "type must be Feature");
        }
        var properties = feature.path("properties");
        var code = properties.path("code").asText(null);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new Bad("INVALID_INPUT", "properties.code", "code must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        var name = properties.path("name").asText(null);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new Bad("INVALID_INPUT", "properties.name", "name must be 1 to 200 characters");
        }
        var level = enumOf(AreaLevel.class, properties.path("level").asText(null), "properties.level", null);
        var kind = enumOf(AreaKind.class, properties.path("kind").asText(null), "properties.kind", AreaKind.COMPREHENSIVE);
        var parent = properties.path("parentCode").asText(null);
        if (parent != null && !CODE.matcher(parent).matches()) {
            throw new Bad("INVALID_INPUT", "properties.parentCode", "parentCode must be an area code");
        }
        return new ImportFeature(index, code, name.strip(), level, kind, parent, geometry(feature.get("geometry")));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, E fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Bad("INVALID_INPUT", field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static MultiPolygon geometry(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            throw new Bad("GEOMETRY_MISSING", "geometry", "geometry must be a GeoJSON Polygon or MultiPolygon");
        }
        var crs = crsProblem(geometry.get("crs"));
        if (crs != null) {
            throw new Bad("GEOMETRY_WRONG_SRID", "geometry.crs", crs);
        }
        var coordinates = geometry.get("coordinates");
        MultiPolygon multi = switch (geometry.path("type").asText()) {
            case "Polygon" -> new MultiPolygon(new Polygon[] {polygon(coordinates, "geometry.coordinates")});
            case "MultiPolygon" -> {
                requireArray(coordinates, 1, "geometry.coordinates", "a MultiPolygon needs at least one polygon");
                var polygons = new Polygon[coordinates.size()];
                for (int p = 0; p < polygons.length; p++) {
                    polygons[p] = polygon(coordinates.get(p), "geometry.coordinates[" + p + "]");
                }
                yield new MultiPolygon(polygons);
            }
            default -> throw new Bad("GEOMETRY_NOT_POLYGONAL", "geometry.type",
                    "geometry must be a Polygon or MultiPolygon, got " + geometry.path("type").asText("nothing"));
        };
        multi.setSrid(4326);
        return multi;
    }

    private static Polygon polygon(JsonNode rings, String field) {
        requireArray(rings, 1, field, "a polygon needs an outer ring");
        var linearRings = new LinearRing[rings.size()];
        for (int r = 0; r < linearRings.length; r++) {
            linearRings[r] = ring(rings.get(r), field + "[" + r + "]");
        }
        return new Polygon(linearRings);
    }

    private static LinearRing ring(JsonNode positions, String field) {
        requireArray(positions, 4, field, "a ring needs at least four positions");
        var points = new Point[positions.size()];
        for (int p = 0; p < points.length; p++) {
            var position = positions.get(p);
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw new Bad("GEOMETRY_UNREADABLE", field + "[" + p + "]", "a position must be [longitude, latitude]");
            }
            double lon = position.get(0).asDouble();
            double lat = position.get(1).asDouble();
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new Bad("GEOMETRY_OUT_OF_RANGE", field + "[" + p + "]", String.format(Locale.ROOT,
                        "(%s, %s) is not longitude in [-180, 180] and latitude in [-90, 90]; is it in another CRS?", lon, lat));
            }
            points[p] = new Point(lon, lat);
        }
        if (!points[0].equals(points[points.length - 1])) {
            throw new Bad("GEOMETRY_RING_NOT_CLOSED", field, "a ring must end where it starts");
        }
        return new LinearRing(points);
    }

    private static void requireArray(JsonNode node, int min, String field, String message) {
        if (node == null || !node.isArray() || node.size() < min) {
            throw new Bad("GEOMETRY_UNREADABLE", field, message);
        }
    }

    /** Null when the CRS is absent (GeoJSON means WGS 84) or names WGS 84; otherwise why it is refused. */
    private static String crsProblem(JsonNode crs) {
        if (crs == null || crs.isNull()) {
            return null;
        }
        var name = crs.path("properties").path("name").asText("");
        if (WGS84.contains(name.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return "coordinates must be in WGS 84 (EPSG:4326), the collection says " + (name.isEmpty() ? crs.toString() : name);
    }

    /** A refusal of one feature; collected, never thrown out of the reader. */
    private static final class Bad extends RuntimeException {
        final String code;
        final String field;

        Bad(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }
}
