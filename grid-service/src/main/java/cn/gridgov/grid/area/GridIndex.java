package cn.gridgov.grid.area;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Every grid's polygon in memory, prepared, in a lock-free cell index ({@link CellIndex}), so
 * locate answers without a database round trip. PostGIS stays the truth: a trigger bumps {@code
 * grid_area_version} on every change, the index polls that counter, and this replica's own writes
 * mark the index stale at once. While the index is stale, locate asks PostGIS ({@link LocateQuery})
 * and a reload runs in the background; so an answer never lags a change this replica made, and lags
 * another replica's by at most one poll interval.
 */
@ApplicationScoped
public class GridIndex {

    private static final Logger LOG = Logger.getLogger(GridIndex.class);

    private record Entry(GridArea area, PreparedGeometry polygon, Envelope envelope) {}

    private record Snapshot(
            long version,
            long generation,
            CellIndex<Entry> comprehensive,
            CellIndex<Entry> dedicated,
            Map<String, GridArea> byCode) {}

    private final Pool pool;
    private final LocateQuery fallback;
    private final GeometryFactory geometry = new GeometryFactory(new PrecisionModel(), 4326);
    private final AtomicLong knownVersion = new AtomicLong(-1);
    private final AtomicLong wantedGeneration = new AtomicLong();
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Snapshot current;

    public GridIndex(Pool pool, LocateQuery fallback) {
        this.pool = pool;
        this.fallback = fallback;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** The location of a point, or null outside every comprehensive grid. */
    public Uni<Location> locate(double lon, double lat) {
        var snapshot = current;
        if (!isCurrent(snapshot)) {
            return fallback.at(lon, lat);
        }
        return Uni.createFrom().item(locateIn(snapshot, lon, lat));
    }

    /** True when locate answers from memory: the index holds every change this replica knows of. */
    public boolean isCurrent() {
        return isCurrent(current);
    }

    /**
     * Locate from memory only, whether current or not; null outside every grid or before the first
     * load.
     */
    public Location locateInMemory(double lon, double lat) {
        var snapshot = current;
        return snapshot == null ? null : locateIn(snapshot, lon, lat);
    }

    private boolean isCurrent(Snapshot snapshot) {
        return snapshot != null
                && snapshot.version() >= knownVersion.get()
                && snapshot.generation() >= wantedGeneration.get();
    }

    /**
     * Called after this replica committed a change to areas: answer from PostGIS until reloaded.
     */
    public void markStale() {
        wantedGeneration.incrementAndGet();
        reload();
    }

    @Scheduled(
            every = "${gridgov.locate.index-poll-interval:1s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        return pool.query("select version from grid_area_version")
                .execute()
                .invoke(
                        rows -> {
                            long version = rows.iterator().next().getLong(0);
                            knownVersion.accumulateAndGet(version, Math::max);
                            var snapshot = current;
                            if (snapshot == null || snapshot.version() < version) {
                                reload();
                            }
                        })
                .onFailure()
                .invoke(e -> LOG.debugf("locate index poll failed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private void reload() {
        if (!loading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        long generation = wantedGeneration.get();
        // The version is read in the same snapshot as the areas, so the index never claims to be
        // newer than it is.
        pool.withTransaction(
                        connection ->
                                connection
                                        .query("set transaction isolation level repeatable read")
                                        .execute()
                                        .chain(
                                                () ->
                                                        connection
                                                                .query(
                                                                        "select version from grid_area_version")
                                                                .execute())
                                        .chain(
                                                version ->
                                                        connection
                                                                .query(
                                                                        "select code, name, level, kind, parent_code, ST_AsBinary(geom) as wkb from grid_area")
                                                                .execute()
                                                                .map(
                                                                        rows ->
                                                                                new Object[] {
                                                                                    version.iterator()
                                                                                            .next()
                                                                                            .getLong(
                                                                                                    0),
                                                                                    rows
                                                                                })))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(
                        loaded ->
                                build(
                                        (long) loaded[0],
                                        generation,
                                        (io.vertx.mutiny.sqlclient.RowSet<Row>) loaded[1]))
                .subscribe()
                .with(
                        snapshot -> {
                            current = snapshot;
                            knownVersion.accumulateAndGet(snapshot.version(), Math::max);
                            LOG.debugf(
                                    "locate index holds %d areas at version %d",
                                    snapshot.byCode().size(), snapshot.version());
                            finished();
                        },
                        failure -> {
                            LOG.warnf(
                                    "locate index reload failed, PostGIS answers meanwhile: %s",
                                    failure.getMessage());
                            finished();
                        });
    }

    private void finished() {
        loading.set(false);
        if (again.getAndSet(false)) {
            reload();
        }
    }

    private Snapshot build(
            long version, long generation, io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        var reader = new WKBReader(geometry);
        var comprehensive = new ArrayList<Entry>();
        var dedicated = new ArrayList<Entry>();
        var byCode = new HashMap<String, GridArea>();
        for (Row row : rows) {
            var area = new GridArea();
            area.code = row.getString("code");
            area.name = row.getString("name");
            area.level = AreaLevel.valueOf(row.getString("level"));
            area.kind = AreaKind.valueOf(row.getString("kind"));
            area.parentCode = row.getString("parent_code");
            byCode.put(area.code, area);
            if (area.level != AreaLevel.GRID) {
                continue;
            }
            try {
                var polygon = reader.read(row.getBuffer("wkb").getBytes());
                var entry =
                        new Entry(
                                area,
                                PreparedGeometryFactory.prepare(polygon),
                                polygon.getEnvelopeInternal());
                (area.kind == AreaKind.DEDICATED ? dedicated : comprehensive).add(entry);
            } catch (ParseException e) {
                throw new IllegalStateException("unreadable polygon of " + area.code, e);
            }
        }
        return new Snapshot(
                version,
                generation,
                CellIndex.of(comprehensive, Entry::envelope),
                CellIndex.of(dedicated, Entry::envelope),
                Map.copyOf(byCode));
    }

    private Location locateIn(Snapshot snapshot, double lon, double lat) {
        var point = geometry.createPoint(new Coordinate(lon, lat));
        // On a shared border the lowest code wins, as in PostGIS, so answers are stable.
        var comprehensive = covering(snapshot.comprehensive(), point);
        var grid =
                comprehensive.stream()
                        .map(Entry::area)
                        .min(Comparator.comparing(a -> a.code))
                        .orElse(null);
        if (grid == null) {
            return null;
        }
        var ancestors = new ArrayList<GridArea>();
        for (var code = grid.parentCode; code != null; ) {
            var parent = snapshot.byCode().get(code);
            if (parent == null || ancestors.contains(parent)) {
                break;
            }
            ancestors.add(parent);
            code = parent.parentCode;
        }
        var dedicated =
                covering(snapshot.dedicated(), point).stream()
                        .map(Entry::area)
                        .sorted(Comparator.comparing(a -> a.code))
                        .toList();
        return new Location(
                grid, List.copyOf(ancestors), dedicated, overlapping(comprehensive, point));
    }

    /** The grids whose interior holds the point, when more than one does. */
    private static List<String> overlapping(
            List<Entry> covering, org.locationtech.jts.geom.Point point) {
        if (covering.size() < 2) {
            return List.of();
        }
        var inside =
                covering.stream()
                        .filter(entry -> entry.polygon().contains(point))
                        .map(entry -> entry.area().code)
                        .sorted()
                        .toList();
        return inside.size() < 2 ? List.of() : inside;
    }

    private static List<Entry> covering(
            CellIndex<Entry> index, org.locationtech.jts.geom.Point point) {
        var covering = new ArrayList<Entry>(2);
        for (var entry : index.candidates(point.getX(), point.getY())) {
            if (entry.envelope().covers(point.getX(), point.getY())
                    && entry.polygon().covers(point)) {
                covering.add(entry);
            }
        }
        return covering;
    }
}
