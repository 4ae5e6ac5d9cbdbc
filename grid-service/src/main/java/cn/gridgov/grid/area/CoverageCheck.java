package cn.gridgov.grid.area;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * "No blank, no blind spot" (不留空白、不留盲区) for one area: the parts of it its comprehensive children
 * leave uncovered, and the parts two of its children both claim. Dedicated grids overlay
 * comprehensive ones on purpose and are left out. Pieces smaller than {@code minAreaM2} are
 * dropped: they are rounding noise of the coordinates, not real holes.
 */
@ApplicationScoped
public class CoverageCheck {

    public record Gap(JsonNode geometry, double areaM2) {}

    public record Overlap(List<String> areas, JsonNode geometry, double areaM2) {}

    public record Coverage(
            String areaCode,
            int children,
            double areaM2,
            boolean complete,
            List<Gap> gaps,
            List<Overlap> overlaps) {}

    private final GridAreaRepository areas;
    private final ObjectMapper json;

    public CoverageCheck(GridAreaRepository areas, ObjectMapper json) {
        this.areas = areas;
        this.json = json;
    }

    @WithSession
    public Uni<Coverage> of(String code, double minAreaM2) {
        if (!(minAreaM2 >= 0)) {
            throw Problem.invalid("INVALID_INPUT", "minAreaM2", "minAreaM2 must be zero or more");
        }
        return areas.findById(code)
                .onItem()
                .ifNull()
                .failWith(
                        () ->
                                Problem.notFound(
                                        "AREA_NOT_FOUND", "code", "no area with code " + code))
                .chain(
                        area ->
                                Panache.getSession()
                                        .chain(
                                                session ->
                                                        session.createNativeQuery(
                                                                        """
                                        select (select count(*) from grid_area where parent_code = :code and kind = 'COMPREHENSIVE'),
                                               ST_Area(geom::geography)
                                        from grid_area where code = :code""",
                                                                        Object[].class)
                                                                .setParameter("code", code)
                                                                .getSingleResult())
                                        .chain(
                                                summary ->
                                                        gaps(code, minAreaM2)
                                                                .chain(
                                                                        gaps ->
                                                                                overlaps(
                                                                                                code,
                                                                                                minAreaM2)
                                                                                        .map(
                                                                                                overlaps ->
                                                                                                        new Coverage(
                                                                                                                code,
                                                                                                                ((Number)
                                                                                                                                summary[
                                                                                                                                        0])
                                                                                                                        .intValue(),
                                                                                                                ((Number)
                                                                                                                                summary[
                                                                                                                                        1])
                                                                                                                        .doubleValue(),
                                                                                                                gaps
                                                                                                                                .isEmpty()
                                                                                                                        && overlaps
                                                                                                                                .isEmpty(),
                                                                                                                gaps,
                                                                                                                overlaps)))));
    }

    private Uni<List<Gap>> gaps(String code, double minAreaM2) {
        // A leaf (no comprehensive children) has nothing to cover.
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                with kids as (select geom from grid_area where parent_code = :code and kind = 'COMPREHENSIVE'),
                                     uncovered as (
                                         select (ST_Dump(ST_Difference(p.geom, (select ST_Union(geom) from kids)))).geom as geom
                                         from grid_area p where p.code = :code and exists (select 1 from kids))
                                select ST_AsGeoJSON(geom, 7), ST_Area(geom::geography) as m2 from uncovered
                                where ST_Area(geom::geography) > :min order by m2 desc""",
                                                Object[].class)
                                        .setParameter("code", code)
                                        .setParameter("min", minAreaM2)
                                        .getResultList())
                .map(
                        rows ->
                                rows.stream()
                                        .map(
                                                row ->
                                                        new Gap(
                                                                readTree((String) row[0]),
                                                                ((Number) row[1]).doubleValue()))
                                        .toList());
    }

    private Uni<List<Overlap>> overlaps(String code, double minAreaM2) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                with kids as (select code, geom from grid_area where parent_code = :code and kind = 'COMPREHENSIVE'),
                                     shared as (
                                         select a.code as a, b.code as b,
                                                ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) as geom
                                         from kids a join kids b on a.code < b.code and ST_Intersects(a.geom, b.geom)
                                         where ST_Relate(a.geom, b.geom, '2********'))
                                select a, b, ST_AsGeoJSON(geom, 7), ST_Area(geom::geography) as m2 from shared
                                where ST_Area(geom::geography) > :min order by a, b""",
                                                Object[].class)
                                        .setParameter("code", code)
                                        .setParameter("min", minAreaM2)
                                        .getResultList())
                .map(
                        rows ->
                                rows.stream()
                                        .map(
                                                row ->
                                                        new Overlap(
                                                                List.of(
                                                                        (String) row[0],
                                                                        (String) row[1]),
                                                                readTree((String) row[2]),
                                                                ((Number) row[3]).doubleValue()))
                                        .toList());
    }

    private JsonNode readTree(String geometry) {
        try {
            return json.readTree(geometry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostGIS returned unreadable GeoJSON", e);
        }
    }
}
