package cn.gridgov.grid.geojson;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.kit.problem.StorableText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * Reads a GeoJSON FeatureCollection into features with JTS geometries, checking in Java what needs
 * no database: structure, properties, coordinate ranges, closed rings and the CRS. Jackson reads
 * the collection and the properties, JTS's GeoJSON reader the geometries. Every bad feature is
 * reported, not just the first. Geometry validity and the hierarchy are left to PostGIS ({@link
 * AreaImporter}).
 *
 * <p>Files written by QGIS or {@code ogr2ogr} read as they are: a collection-level {@code crs}
 * naming WGS 84 (QGIS writes {@code urn:ogc:def:crs:OGC:1.3:CRS84}), Polygon or MultiPolygon, a
 * feature {@code id}, properties it adds ({@code fid}) and null where a field is empty.
 */
public final class FeatureReader {

    /** What came out of a collection: the good features and the problems of the bad ones. */
    public record Result(
            List<ImportFeature> features,
            List<FeatureProblem> problems,
            List<String> codes,
            int count) {}

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * Names of WGS 84 longitude/latitude that GeoJSON writers (QGIS, GDAL, older specs) put in
     * "crs".
     */
    private static final Set<String> WGS84 =
            Set.of(
                    "EPSG:4326",
                    "URN:OGC:DEF:CRS:EPSG::4326",
                    "URN:OGC:DEF:CRS:OGC:1.3:CRS84",
                    "URN:OGC:DEF:CRS:OGC::CRS84",
                    "CRS84",
                    "OGC:CRS84");

    private FeatureReader() {}

    public static Result read(JsonNode collection, int maxFeatures) {
        if (collection == null
                || !collection.isObject()
                || !"FeatureCollection".equals(collection.path("type").asText())) {
            throw Problem.invalid(
                    "NOT_A_FEATURE_COLLECTION",
                    "type",
                    "the body must be a GeoJSON FeatureCollection");
        }
        var features = collection.get("features");
        if (features == null || !features.isArray() || features.isEmpty()) {
            throw Problem.invalid("NO_FEATURES", "features", "features must be a non-empty array");
        }
        if (features.size() > maxFeatures) {
            throw new Problem(
                    Problem.Kind.TOO_LARGE,
                    "TOO_MANY_FEATURES",
                    "features",
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
                problems.add(
                        new FeatureProblem(i, codes.get(i), bad.code, bad.field, bad.getMessage()));
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
            throw new Bad(
                    "INVALID_INPUT",
                    "properties.code",
                    "code must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        var name = properties.path("name").asText(null);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new Bad("INVALID_INPUT", "properties.name", "name must be 1 to 200 characters");
        }
        var unstorable = StorableText.unstorable(name);
        if (unstorable != null) {
            throw new Bad("INVALID_INPUT", "properties.name", "name " + unstorable);
        }
        var level =
                enumOf(
                        AreaLevel.class,
                        properties.path("level").asText(null),
                        "properties.level",
                        null);
        var kind =
                enumOf(
                        AreaKind.class,
                        properties.path("kind").asText(null),
                        "properties.kind",
                        AreaKind.COMPREHENSIVE);
        var parent = properties.path("parentCode").asText(null);
        if (parent != null && !CODE.matcher(parent).matches()) {
            throw new Bad(
                    "INVALID_INPUT", "properties.parentCode", "parentCode must be an area code");
        }
        return new ImportFeature(
                index, code, name.strip(), level, kind, parent, geometry(feature.get("geometry")));
    }

    private static <E extends Enum<E>> E enumOf(
            Class<E> type, String value, String field, E fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Bad(
                    "INVALID_INPUT",
                    field,
                    field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static MultiPolygon geometry(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            throw new Bad(
                    "GEOMETRY_MISSING",
                    "geometry",
                    "geometry must be a GeoJSON Polygon or MultiPolygon");
        }
        var crs = crsProblem(geometry.get("crs"));
        if (crs != null) {
            throw new Bad("GEOMETRY_WRONG_SRID", "geometry.crs", crs);
        }
        var type = geometry.path("type").asText();
        if (!"Polygon".equals(type) && !"MultiPolygon".equals(type)) {
            throw new Bad(
                    "GEOMETRY_NOT_POLYGONAL",
                    "geometry.type",
                    "geometry must be a Polygon or MultiPolygon, got "
                            + geometry.path("type").asText("nothing"));
        }
        // The CRS was judged above; JTS would only look for an EPSG code in it.
        var plain = ((ObjectNode) geometry.deepCopy()).without("crs");
        Geometry read;
        try {
            read = new GeoJsonReader(FACTORY).read(plain.toString());
        } catch (ParseException | RuntimeException e) {
            // JTS says so (in a cause) when a ring does not end where it starts; anything else is a
            // malformed structure.
            if (saysRingNotClosed(e)) {
                throw new Bad(
                        "GEOMETRY_RING_NOT_CLOSED",
                        "geometry.coordinates",
                        "a ring must end where it starts");
            }
            throw new Bad(
                    "GEOMETRY_UNREADABLE",
                    "geometry.coordinates",
                    "coordinates must be rings of [longitude, latitude] positions, at least four each: "
                            + e.getMessage());
        }
        var bounds = read.getEnvelopeInternal();
        if (read.isEmpty()) {
            throw new Bad(
                    "GEOMETRY_UNREADABLE", "geometry.coordinates", "a polygon needs an outer ring");
        }
        if (bounds.getMinX() < -180
                || bounds.getMaxX() > 180
                || bounds.getMinY() < -90
                || bounds.getMaxY() > 90) {
            throw new Bad(
                    "GEOMETRY_OUT_OF_RANGE",
                    "geometry.coordinates",
                    String.format(
                            Locale.ROOT,
                            "coordinates must be longitude in [-180, 180] and latitude in [-90, 90], these span %s; is it in another CRS?",
                            bounds));
        }
        return read instanceof Polygon polygon
                ? FACTORY.createMultiPolygon(new Polygon[] {polygon})
                : (MultiPolygon) read;
    }

    private static boolean saysRingNotClosed(Throwable e) {
        for (var cause = e;
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("closed linestring")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Null when the CRS is absent (GeoJSON means WGS 84) or names WGS 84; otherwise why it is
     * refused.
     */
    private static String crsProblem(JsonNode crs) {
        if (crs == null || crs.isNull()) {
            return null;
        }
        var name = crs.path("properties").path("name").asText("");
        if (WGS84.contains(name.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return "coordinates must be in WGS 84 (EPSG:4326), the collection says "
                + (name.isEmpty() ? crs.toString() : name);
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
