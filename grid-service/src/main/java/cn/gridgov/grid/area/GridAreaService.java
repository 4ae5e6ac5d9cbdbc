package cn.gridgov.grid.area;

import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.audit.AuditKinds;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.outbox.OutboxRelay;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

@ApplicationScoped
public class GridAreaService {

    private static final Logger LOG = Logger.getLogger(GridAreaService.class);
    private static final Set<String> POLYGONAL = Set.of("POLYGON", "MULTIPOLYGON");

    private final GridAreaRepository areas;
    private final GridIndex index;
    private final GridEvents events;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final AuditTrail audit;

    public GridAreaService(
            GridAreaRepository areas,
            GridIndex index,
            GridEvents events,
            OutboxRelay relay,
            ObjectMapper json,
            AuditTrail audit) {
        this.audit = audit;
        this.areas = areas;
        this.index = index;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    /**
     * Creates an area after PostGIS has vetted its polygon. Checks run before the insert in the
     * same transaction, so a refused area leaves nothing behind.
     */
    public Uni<GridArea> create(NewArea area, String actor) {
        return Panache.withTransaction(
                        () ->
                                createInTransaction(area)
                                        .call(
                                                created ->
                                                        areas.geoJsonOf(created.code)
                                                                .chain(
                                                                        geometry ->
                                                                                audit.record(
                                                                                        actor,
                                                                                        AuditKinds
                                                                                                .AREA,
                                                                                        created.code,
                                                                                        "CREATE",
                                                                                        null,
                                                                                        GridEvents
                                                                                                .areaChanged(
                                                                                                        created.code,
                                                                                                        created.name,
                                                                                                        created.level,
                                                                                                        created.kind,
                                                                                                        created.parentCode,
                                                                                                        readTree(
                                                                                                                geometry))))))
                .invoke(
                        () -> {
                            index.markStale();
                            relay.nudge();
                        });
    }

    /** For callers that already hold a transaction (the demo town loader). */
    public Uni<GridArea> createInTransaction(NewArea area) {
        return areas.findById(area.code())
                .invoke(
                        existing -> {
                            if (existing != null) {
                                throw new AreaProblem(
                                        CONFLICT,
                                        "AREA_EXISTS",
                                        "code",
                                        "area " + area.code() + " already exists");
                            }
                        })
                .chain(
                        () ->
                                areas.check(area.geoJson())
                                        .onFailure()
                                        .transform(
                                                e ->
                                                        new AreaProblem(
                                                                INVALID,
                                                                "GEOMETRY_UNREADABLE",
                                                                "geometry",
                                                                "geometry is not readable GeoJSON: "
                                                                        + rootMessage(e))))
                .invoke(GridAreaService::requireUsable)
                .chain(
                        () ->
                                area.parentCode() == null
                                        ? Uni.createFrom().voidItem()
                                        : requireInsideParent(area))
                .chain(() -> areas.insert(area))
                .chain(() -> areas.findById(area.code()))
                .call(this::announce)
                .invoke(
                        created ->
                                LOG.infof(
                                        "area %s (%s, %s) created under %s",
                                        created.code,
                                        created.level,
                                        created.kind,
                                        created.parentCode));
    }

    private Uni<Void> announce(GridArea area) {
        return areas.geoJsonOf(area.code)
                .chain(
                        geometry ->
                                events.changed(
                                        GridTypes.AREA_CHANGED,
                                        area.code,
                                        GridEvents.areaChanged(
                                                area.code,
                                                area.name,
                                                area.level,
                                                area.kind,
                                                area.parentCode,
                                                readTree(geometry))));
    }

    private JsonNode readTree(String geometry) {
        try {
            return json.readTree(geometry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("PostGIS returned unreadable GeoJSON", e);
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    private static void requireUsable(GridAreaRepository.GeometryCheck check) {
        if (!POLYGONAL.contains(check.type())) {
            throw new AreaProblem(
                    INVALID,
                    "GEOMETRY_NOT_POLYGONAL",
                    "geometry",
                    "geometry must be a Polygon or MultiPolygon, got " + check.type());
        }
        if (check.srid() != 0 && check.srid() != 4326) {
            throw new AreaProblem(
                    INVALID,
                    "GEOMETRY_WRONG_SRID",
                    "geometry",
                    "geometry must be in WGS 84 (EPSG:4326), got EPSG:" + check.srid());
        }
        if (check.minLon() < -180
                || check.maxLon() > 180
                || check.minLat() < -90
                || check.maxLat() > 90) {
            throw new AreaProblem(
                    INVALID,
                    "GEOMETRY_OUT_OF_RANGE",
                    "geometry",
                    "coordinates must be longitude in [-180, 180] and latitude in [-90, 90]");
        }
        if (!check.valid()) {
            throw new AreaProblem(
                    INVALID, "GEOMETRY_INVALID", "geometry", "invalid geometry: " + check.reason());
        }
    }

    private Uni<Void> requireInsideParent(NewArea area) {
        return areas.findById(area.parentCode())
                .chain(
                        parent -> {
                            if (parent == null) {
                                throw new AreaProblem(
                                        INVALID,
                                        "PARENT_UNKNOWN",
                                        "parentCode",
                                        "parent area " + area.parentCode() + " does not exist");
                            }
                            // A dedicated grid may straddle the grids it overlays, but never leaves
                            // its parent.
                            return areas.coveredByArea(area.geoJson(), parent.code);
                        })
                .invoke(
                        inside -> {
                            if (!inside) {
                                throw new AreaProblem(
                                        INVALID,
                                        "OUTSIDE_PARENT",
                                        "geometry",
                                        "area "
                                                + area.code()
                                                + " is not inside its parent "
                                                + area.parentCode());
                            }
                        })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<GridArea> get(String code) {
        return areas.findById(code)
                .onItem()
                .ifNull()
                .failWith(
                        () ->
                                new AreaProblem(
                                        NOT_FOUND,
                                        "AREA_NOT_FOUND",
                                        "code",
                                        "no area with code " + code));
    }

    @WithSession
    public Uni<String> geoJsonOf(String code) {
        return areas.geoJsonOf(code);
    }

    /** Locates a point; outside every grid it fails with the nearest grid and its distance. */
    public Uni<Location> locate(double lon, double lat) {
        return index.locate(lon, lat)
                .chain(
                        location ->
                                location != null
                                        ? Uni.createFrom().item(location)
                                        : Panache.withSession(() -> areas.nearestGrid(lon, lat))
                                                .map(
                                                        nearest -> {
                                                            throw new AreaProblem(
                                                                    NOT_FOUND,
                                                                    "OUTSIDE_GRIDS",
                                                                    "longitude",
                                                                    nearest == null
                                                                            ? "no grid has been defined yet"
                                                                            : String.format(
                                                                                    "point (%s, %s) lies outside every grid; the nearest is %s (%s), %.0f m away",
                                                                                    lon,
                                                                                    lat,
                                                                                    nearest.grid()
                                                                                            .code,
                                                                                    nearest.grid()
                                                                                            .name,
                                                                                    nearest
                                                                                            .distanceMeters()));
                                                        }));
    }
}
