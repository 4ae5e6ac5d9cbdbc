package cn.gridgov.grid.area;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Areas and their polygons. Plain fields go through Panache; everything spatial is PostGIS SQL
 * through the same reactive session, so a transaction covers both.
 */
@ApplicationScoped
public class GridAreaRepository implements PanacheRepositoryBase<GridArea, String> {

    private static final String POINT = "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)";

    /** What PostGIS makes of a GeoJSON geometry, read before anything is written. */
    public record GeometryCheck(
            String type,
            int srid,
            boolean valid,
            String reason,
            double minLon,
            double minLat,
            double maxLon,
            double maxLat) {}

    public Uni<GeometryCheck> check(String geoJson) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                        select GeometryType(g), ST_SRID(g), ST_IsValid(g), ST_IsValidReason(g),
                               ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)
                        from (select ST_GeomFromGeoJSON(:geojson) as g) parsed""",
                                                Object[].class)
                                        .setParameter("geojson", geoJson)
                                        .getSingleResult()
                                        .map(
                                                row ->
                                                        new GeometryCheck(
                                                                (String) row[0],
                                                                ((Number) row[1]).intValue(),
                                                                (Boolean) row[2],
                                                                (String) row[3],
                                                                ((Number) row[4]).doubleValue(),
                                                                ((Number) row[5]).doubleValue(),
                                                                ((Number) row[6]).doubleValue(),
                                                                ((Number) row[7]).doubleValue())));
    }

    public Uni<Boolean> coveredByArea(String geoJson, String areaCode) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                        select ST_CoveredBy(ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326), geom)
                        from grid_area where code = :code""",
                                                Boolean.class)
                                        .setParameter("geojson", geoJson)
                                        .setParameter("code", areaCode)
                                        .getSingleResult());
    }

    public Uni<Void> insert(NewArea area) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                        insert into grid_area (code, name, level, kind, parent_code, geom)
                        values (:code, :name, :level, :kind, :parent,
                                ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326)))""")
                                        .setParameter("code", area.code())
                                        .setParameter("name", area.name())
                                        .setParameter("level", area.level().name())
                                        .setParameter("kind", area.kind().name())
                                        .setParameter("parent", area.parentCode())
                                        .setParameter("geojson", area.geoJson())
                                        .executeUpdate()
                                        .replaceWithVoid());
    }

    public Uni<String> geoJsonOf(String code) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select ST_AsGeoJSON(geom, 7) from grid_area where code = :code",
                                                String.class)
                                        .setParameter("code", code)
                                        .getSingleResultOrNull());
    }

    /** The grid nearest to a point, by the GiST index, with its geodesic distance in metres. */
    public Uni<NearestGrid> nearestGrid(double lon, double lat) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select code, ST_Distance(geom::geography, "
                                                        + POINT
                                                        + "::geography) from grid_area"
                                                        + " where level = 'GRID' order by geom <-> "
                                                        + POINT
                                                        + " limit 1",
                                                Object[].class)
                                        .setParameter("lon", lon)
                                        .setParameter("lat", lat)
                                        .getSingleResultOrNull()
                                        .chain(
                                                row ->
                                                        row == null
                                                                ? Uni.createFrom().nullItem()
                                                                : findById((String) row[0])
                                                                        .map(
                                                                                grid ->
                                                                                        new NearestGrid(
                                                                                                grid,
                                                                                                ((Number)
                                                                                                                row[
                                                                                                                        1])
                                                                                                        .doubleValue()))));
    }
}
