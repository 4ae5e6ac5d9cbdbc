package cn.gridgov.grid.geojson;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes an area and everything below it as a GeoJSON FeatureCollection, parents before children,
 * with the properties the importer reads, so an export can be edited in QGIS and imported again.
 */
@ApplicationScoped
public class AreaExporter {

    private final ObjectMapper json;

    public AreaExporter(ObjectMapper json) {
        this.json = json;
    }

    @WithSession
    public Uni<String> subtree(String code) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                with recursive tree(code, depth) as (
                                    select code, 0 from grid_area where code = :code
                                    union all
                                    select a.code, t.depth + 1 from grid_area a join tree t on a.parent_code = t.code)
                                select a.code, a.name, a.level, a.kind, a.parent_code, ST_AsGeoJSON(a.geom, 7)
                                from tree t join grid_area a on a.code = t.code
                                order by t.depth, a.code""",
                                                Object[].class)
                                        .setParameter("code", code)
                                        .getResultList())
                .map(
                        rows -> {
                            if (rows.isEmpty()) {
                                throw Problem.notFound(
                                        "AREA_NOT_FOUND", "code", "no area with code " + code);
                            }
                            var collection =
                                    json.createObjectNode().put("type", "FeatureCollection");
                            var features = collection.putArray("features");
                            for (var row : rows) {
                                var feature =
                                        features.addObject()
                                                .put("type", "Feature")
                                                .put("id", (String) row[0]);
                                feature.putObject("properties")
                                        .put("code", (String) row[0])
                                        .put("name", (String) row[1])
                                        .put("level", (String) row[2])
                                        .put("kind", (String) row[3])
                                        .put("parentCode", (String) row[4]);
                                feature.set("geometry", readTree((String) row[5]));
                            }
                            return collection.toString();
                        });
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String geometry) {
        try {
            return json.readTree(geometry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostGIS returned unreadable GeoJSON", e);
        }
    }
}
