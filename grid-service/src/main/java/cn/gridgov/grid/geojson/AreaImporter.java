package cn.gridgov.grid.geojson;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.AreaImportApplied;
import cn.gridgov.contracts.grid.AreaRemoved;
import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.GridIndex;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.locationtech.jts.io.WKBWriter;

/**
 * Imports a FeatureCollection as one version of the grids, all or nothing, in one JDBC transaction:
 * areas the grids do not hold are added, areas they hold are updated where the file differs, and
 * stored areas below an area of the file that the file no longer holds are removed (the file speaks
 * for everything below the areas it holds, so an exported town edited in QGIS comes back whole).
 *
 * <p>A preview runs the same transaction, measures the coverage after the change, and rolls back.
 *
 * <p>Why JDBC here, when the rest of the service uses Hibernate Reactive: an import is a bulk job
 * of up to tens of thousands of polygons. The features go to PostGIS as WKB in JDBC batches into a
 * temporary table, and a handful of set-based queries vet them all at once (validity with PostGIS's
 * reason, unknown parents, children outside their parents, overlapping grids, removed areas still
 * in use). Only if nothing is wrong are the areas, their events and their audit entries written;
 * otherwise the transaction is rolled back and every bad feature is reported by index and code.
 */
@ApplicationScoped
public class AreaImporter {

    private static final Logger LOG = Logger.getLogger(AreaImporter.class);
    private static final int BATCH = 1_000;

    /**
     * Below this, a gap or an overlap is the rounding of coordinates (as in the coverage check's
     * default).
     */
    private static final double NOISE_M2 = 1;

    private final AgroalDataSource dataSource;
    private final GridEvents events;
    private final OutboxRelay relay;
    private final GridIndex index;
    private final ObjectMapper json;

    public AreaImporter(
            AgroalDataSource dataSource,
            GridEvents events,
            OutboxRelay relay,
            GridIndex index,
            ObjectMapper json) {
        this.index = index;
        this.dataSource = dataSource;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    /** What the import would do; nothing is written. Blocking: call it from a worker thread. */
    public ImportPlan preview(FeatureReader.Result read, ImportOptions options) {
        return run(read, options, null, false);
    }

    /**
     * Applies the import as one version and announces every area it adds, changes or removes; the
     * actor (the staff id from the token) is recorded in the audit trail, before and after, for
     * each of them. Blocking: call it from a worker thread.
     */
    public ImportPlan apply(FeatureReader.Result read, ImportOptions options, String actor) {
        return run(read, options, actor, true);
    }

    /**
     * Applies without events or audit entries (the benchmark city, which no consumer should see).
     * Blocking.
     */
    public ImportPlan applyQuietly(FeatureReader.Result read) {
        return run(read, ImportOptions.STRICT, null, true);
    }

    private ImportPlan run(
            FeatureReader.Result read, ImportOptions options, String actor, boolean apply) {
        var problems = new ArrayList<>(read.problems());
        problems.addAll(hierarchyProblems(read));
        ImportPlan plan;
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                noJit(connection);
                long baseVersion = lockVersion(connection);
                if (options.baseVersion() != null && options.baseVersion() != baseVersion) {
                    throw Problem.conflict(
                            "GRIDS_CHANGED_SINCE_PREVIEW",
                            "baseVersion",
                            "the grids are at version "
                                    + baseVersion
                                    + ", not "
                                    + options.baseVersion()
                                    + ": preview the file again");
                }
                stage(connection, firstOfEachCode(read.features()));
                findAddedAndRemoved(connection);
                problems.addAll(databaseProblems(connection, read.codes(), options));
                if (!problems.isEmpty()) {
                    connection.rollback();
                    problems.sort(
                            Comparator.comparingInt(FeatureProblem::index)
                                    .thenComparing(FeatureProblem::code));
                    throw new ImportRejected(problems, read.count());
                }
                findChanged(connection);
                var diff = diff(connection, read.codes().size());
                var touched = touchedParents(connection);
                var before = coverage(connection, touched);
                if (apply && actor != null && !diff.nothingChanged()) {
                    audit(connection, actor);
                }
                var removedParents = removedParents(connection);
                writeChanges(connection);
                var after = coverage(connection, touched);
                Long version = null;
                if (apply && !diff.nothingChanged()) {
                    version = currentVersion(connection);
                    if (actor != null) {
                        announce(connection, diff, version, actor, removedParents);
                    }
                    connection.commit();
                } else {
                    connection.rollback();
                }
                plan =
                        new ImportPlan(
                                version,
                                baseVersion,
                                diff.nothingChanged(),
                                diff.added(),
                                diff.changed(),
                                diff.removed(),
                                diff.unchanged(),
                                coverageChanges(touched, before, after),
                                diff.reshapedGrids());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                throw Problem.conflict(
                        "IMPORT_CONFLICT",
                        "features",
                        "an area of this import was changed meanwhile; preview the file again: "
                                + e.getMessage());
            }
            throw new IllegalStateException("import failed: " + e.getMessage(), e);
        }
        if (plan.version() != null) {
            index.markStale();
            relay.nudge();
            LOG.infof(
                    "import made version %d: %d added, %d changed, %d removed",
                    plan.version(),
                    plan.added().size(),
                    plan.changed().size(),
                    plan.removed().size());
        }
        return plan;
    }

    /**
     * Imports one at a time, and no single change slips between the preview's version and the
     * apply.
     */
    private static long lockVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                "select version from grid_area_version for update")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long currentVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("select version from grid_area_version")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Duplicate codes and parent cycles inside the collection: plain Java, no database needed. */
    private static List<FeatureProblem> hierarchyProblems(FeatureReader.Result read) {
        var problems = new ArrayList<FeatureProblem>();
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < read.codes().size(); i++) {
            var code = read.codes().get(i);
            if (code != null && firstIndex.putIfAbsent(code, i) != null) {
                problems.add(
                        new FeatureProblem(
                                i,
                                code,
                                "DUPLICATE_CODE",
                                "properties.code",
                                "code "
                                        + code
                                        + " is also used by feature "
                                        + firstIndex.get(code)));
            }
        }
        Map<String, String> parentOf = new HashMap<>();
        read.features().forEach(f -> parentOf.putIfAbsent(f.code(), f.parentCode()));
        for (var feature : read.features()) {
            var seen = new HashSet<String>();
            for (var code = feature.code(); code != null; code = parentOf.get(code)) {
                if (!seen.add(code)) {
                    problems.add(
                            new FeatureProblem(
                                    feature.index(),
                                    feature.code(),
                                    "PARENT_CYCLE",
                                    "properties.parentCode",
                                    "the parents of " + feature.code() + " go round in a circle"));
                    break;
                }
            }
        }
        return problems;
    }

    /**
     * A duplicate code is already a problem of its own; only its first feature is vetted further.
     */
    private static List<ImportFeature> firstOfEachCode(List<ImportFeature> features) {
        var seen = new HashSet<String>();
        return features.stream().filter(feature -> seen.add(feature.code())).toList();
    }

    /**
     * The import's statements cost what PostGIS's functions cost, which PostgreSQL's JIT cannot
     * compile; their estimated cost still sets it off, and on a city it spent seconds compiling
     * each of the big checks before running them.
     */
    private static void noJit(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("set local jit = off");
        }
    }

    private static void stage(Connection connection, List<ImportFeature> features)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(
                    """
                    create temporary table import_area (
                        idx integer primary key, code text not null, name text not null, level text not null,
                        kind text not null, parent_code text, geom geometry(MultiPolygon, 4326) not null, valid boolean
                    ) on commit drop""");
            statement.execute(
                    """
                    create temporary table import_change (
                        code text primary key, idx integer not null, change text not null, fields text[]
                    ) on commit drop""");
        }
        var wkb = new WKBWriter();
        try (var insert =
                connection.prepareStatement(
                        """
                insert into import_area (idx, code, name, level, kind, parent_code, geom)
                values (?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))""")) {
            int pending = 0;
            for (var feature : features) {
                insert.setInt(1, feature.index());
                insert.setString(2, feature.code());
                insert.setString(3, feature.name());
                insert.setString(4, feature.level().name());
                insert.setString(5, feature.kind().name());
                insert.setString(6, feature.parentCode());
                insert.setBytes(7, wkb.write(feature.geometry()));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
        try (var statement = connection.createStatement()) {
            // Judged once: the checks that pair features up would otherwise ask GEOS again for
            // every pair.
            statement.execute("update import_area set valid = ST_IsValid(geom)");
            statement.execute("create unique index on import_area (code)");
            statement.execute("create index on import_area using gist (geom)");
            statement.execute("analyze import_area");
        }
    }

    /**
     * Added: codes the grids do not hold. Removed: stored areas below an area of the file that the
     * file does not hold, each with the feature whose area held it.
     */
    private static void findAddedAndRemoved(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate(
                    """
                    insert into import_change (code, idx, change)
                    select i.code, i.idx, 'ADDED' from import_area i
                    where not exists (select 1 from grid_area a where a.code = i.code)""");
            statement.executeUpdate(
                    """
                    insert into import_change (code, idx, change)
                    with recursive below (code, idx) as (
                        select a.code, i.idx from grid_area a join import_area i on a.parent_code = i.code
                        where not exists (select 1 from import_area x where x.code = a.code)
                        union all
                        select a.code, b.idx from grid_area a join below b on a.parent_code = b.code
                        where not exists (select 1 from import_area x where x.code = a.code))
                    select code, min(idx), 'REMOVED' from below group by code""");
        }
    }

    /**
     * Changed: stored areas whose properties differ, or whose polygons differ at the export's
     * precision.
     */
    private static void findChanged(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate(
                    """
                    insert into import_change (code, idx, change, fields)
                    select code, idx, 'CHANGED', fields from (
                        select i.code, i.idx, array_remove(array[
                            case when i.name <> a.name then 'name' end,
                            case when i.level <> a.level then 'level' end,
                            case when i.kind <> a.kind then 'kind' end,
                            case when i.parent_code is distinct from a.parent_code then 'parentCode' end,
                            case when not ST_Equals(ST_SnapToGrid(i.geom, 1e-7), ST_SnapToGrid(a.geom, 1e-7))
                                 then 'geometry' end], null) as fields
                        from import_area i join grid_area a on a.code = i.code) d
                    where cardinality(fields) > 0""");
        }
    }

    private List<FeatureProblem> databaseProblems(
            Connection connection, List<String> codes, ImportOptions options) throws SQLException {
        var problems = new ArrayList<FeatureProblem>();
        Problems add =
                (idx, code, field, message) ->
                        problems.add(new FeatureProblem(idx, codes.get(idx), code, field, message));
        query(
                connection,
                "select idx, ST_IsValidReason(geom) from import_area where not valid",
                (idx, detail) ->
                        add.problem(
                                idx,
                                "GEOMETRY_INVALID",
                                "geometry",
                                "invalid geometry: " + detail));
        query(
                connection,
                """
                        select i.idx, i.parent_code from import_area i
                        where i.parent_code is not null
                          and not exists (select 1 from import_area p where p.code = i.parent_code)
                          and not exists (select 1 from grid_area a where a.code = i.parent_code)""",
                (idx, parent) ->
                        add.problem(
                                idx,
                                "PARENT_UNKNOWN",
                                "properties.parentCode",
                                "parent area "
                                        + parent
                                        + " is neither in the collection nor stored"));
        query(
                connection,
                """
                        select i.idx, i.parent_code from import_area i
                        join import_change c on c.code = i.parent_code and c.change = 'REMOVED'""",
                (idx, parent) ->
                        add.problem(
                                idx,
                                "PARENT_REMOVED",
                                "properties.parentCode",
                                "parent area "
                                        + parent
                                        + " lies below an area of the collection but is not in it, so it would be removed"));
        // A dedicated grid may straddle the grids it overlays, but never leaves its parent. A
        // parent
        // in the file was judged valid once when staged; only a stored parent is judged here.
        query(
                connection,
                """
                        select i.idx, i.parent_code from import_area i join import_area p on p.code = i.parent_code
                        where i.valid and p.valid and not ST_CoveredBy(i.geom, p.geom)
                        union all
                        select i.idx, i.parent_code from import_area i join grid_area p on p.code = i.parent_code
                        where not exists (select 1 from import_area x where x.code = i.parent_code)
                          and i.valid and ST_IsValid(p.geom) and not ST_CoveredBy(i.geom, p.geom)""",
                (idx, parent) ->
                        add.problem(
                                idx,
                                "OUTSIDE_PARENT",
                                "geometry",
                                "the area is not inside its parent " + parent));
        query(
                connection,
                """
                        select c.idx, c.code from import_change c
                        where c.change = 'REMOVED'
                          and (exists (select 1 from staff_post p where p.area_code = c.code)
                               or exists (select 1 from department_jurisdiction d where d.area_code = c.code)
                               or exists (select 1 from enforcement_zone_area z where z.area_code = c.code))""",
                (idx, removed) ->
                        add.problem(
                                idx,
                                "AREA_IN_USE",
                                "features",
                                "area "
                                        + removed
                                        + " lies below this feature but is not in the collection, so it would be removed;"
                                        + " staff posts, a department's jurisdiction or a zone still name it: keep it in the file"
                                        + " or move them first"));
        if (!options.allowOverlaps()) {
            overlaps(connection, add);
        }
        return problems;
    }

    /**
     * A point must lie in one comprehensive grid: an overlap of more than rounding between two of
     * the file's grids, or between one of them and a stored grid the file leaves in place, is
     * refused.
     */
    private static void overlaps(Connection connection, Problems add) throws SQLException {
        var sql =
                """
                select b.idx, a.code, ST_Area(ST_Intersection(a.geom, b.geom)::geography) from %s
                where a.level = 'GRID' and a.kind = 'COMPREHENSIVE' and b.level = 'GRID' and b.kind = 'COMPREHENSIVE'
                  and b.valid and ST_Relate(a.geom, b.geom, '2********')
                  and ST_Area(ST_Intersection(a.geom, b.geom)::geography) >= %s""";
        var inFile =
                "import_area a join import_area b on a.idx < b.idx and a.geom && b.geom and a.valid";
        var stored =
                """
                grid_area a join import_area b on a.geom && b.geom
                and not exists (select 1 from import_area x where x.code = a.code)
                and not exists (select 1 from import_change c where c.code = a.code and c.change = 'REMOVED')""";
        for (var pairs : List.of(inFile, stored)) {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery(sql.formatted(pairs, NOISE_M2))) {
                while (rows.next()) {
                    add.problem(
                            rows.getInt(1),
                            "GRIDS_OVERLAP",
                            "geometry",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "the grid overlaps comprehensive grid %s by %.0f m², so a point there would lie in both;"
                                            + " import with allowOverlaps=true if that is meant",
                                    rows.getString(2),
                                    rows.getDouble(3)));
                }
            }
        }
    }

    private record Diff(
            List<String> added,
            List<ImportPlan.Changed> changed,
            List<ImportPlan.Removed> removed,
            int unchanged,
            List<String> reshapedGrids) {

        boolean nothingChanged() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    private static Diff diff(Connection connection, int featureCount) throws SQLException {
        var added = new ArrayList<String>();
        var changed = new ArrayList<ImportPlan.Changed>();
        var removed = new ArrayList<ImportPlan.Removed>();
        var reshaped = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                """
                select c.code, c.change, c.fields, i.code,
                       coalesce(a.level = 'GRID' and a.kind = 'COMPREHENSIVE'
                                and (c.change = 'REMOVED' or 'geometry' = any(c.fields) or i.kind <> a.kind), false)
                from import_change c
                join import_area i on i.idx = c.idx
                left join grid_area a on a.code = c.code
                order by c.idx, c.code""")) {
            while (rows.next()) {
                var code = rows.getString(1);
                switch (rows.getString(2)) {
                    case "ADDED" -> added.add(code);
                    case "CHANGED" ->
                            changed.add(
                                    new ImportPlan.Changed(
                                            code,
                                            Arrays.asList((String[]) rows.getArray(3).getArray())));
                    default -> removed.add(new ImportPlan.Removed(code, rows.getString(4)));
                }
                if (rows.getBoolean(5)) {
                    reshaped.add(code);
                }
            }
        }
        reshaped.sort(Comparator.naturalOrder());
        int unchanged = featureCount - added.size() - changed.size();
        return new Diff(added, changed, removed, unchanged, reshaped);
    }

    /**
     * Areas whose comprehensive children the import adds, reshapes, moves or removes, and reshaped
     * areas.
     */
    private static List<String> touchedParents(Connection connection) throws SQLException {
        var touched = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                """
                select distinct code from (
                    select i.parent_code as code from import_change c join import_area i on i.code = c.code
                    where i.kind = 'COMPREHENSIVE' and (c.change = 'ADDED' or c.fields && array['geometry', 'kind', 'parentCode'])
                    union all
                    select a.parent_code from import_change c join grid_area a on a.code = c.code
                    where a.kind = 'COMPREHENSIVE' and (c.change = 'REMOVED' or c.fields && array['geometry', 'kind', 'parentCode'])
                    union all
                    select c.code from import_change c where c.change = 'CHANGED' and 'geometry' = any(c.fields)
                ) t where code is not null order by code""")) {
            while (rows.next()) {
                touched.add(rows.getString(1));
            }
        }
        return touched;
    }

    /**
     * Each area's cover by its comprehensive children as the grids now stand in this transaction.
     */
    private static Map<String, ImportPlan.Coverage> coverage(
            Connection connection, List<String> codes) throws SQLException {
        var coverage = new HashMap<String, ImportPlan.Coverage>();
        if (codes.isEmpty()) {
            return coverage;
        }
        try (var select =
                connection.prepareStatement(
                        """
                select p.code,
                       (select count(*) from grid_area k where k.parent_code = p.code and k.kind = 'COMPREHENSIVE'),
                       coalesce((select ST_Area(ST_Difference(p.geom, ST_Union(k.geom))::geography) from grid_area k
                                 where k.parent_code = p.code and k.kind = 'COMPREHENSIVE' having count(*) > 0), 0),
                       coalesce((select sum(ST_Area(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)::geography))
                                 from grid_area a join grid_area b on a.code < b.code and a.geom && b.geom
                                 where a.parent_code = p.code and b.parent_code = p.code
                                   and a.kind = 'COMPREHENSIVE' and b.kind = 'COMPREHENSIVE'
                                   and ST_Relate(a.geom, b.geom, '2********')), 0)
                from grid_area p where p.code = any(?)""")) {
            select.setArray(1, connection.createArrayOf("text", codes.toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    int children = rows.getInt(2);
                    double gap = rows.getDouble(3);
                    double overlap = rows.getDouble(4);
                    coverage.put(
                            rows.getString(1),
                            new ImportPlan.Coverage(
                                    children,
                                    round(gap),
                                    round(overlap),
                                    gap < NOISE_M2 && overlap < NOISE_M2));
                }
            }
        }
        return coverage;
    }

    private static double round(double m2) {
        return Math.round(m2 * 10) / 10.0;
    }

    /**
     * Every touched area that has comprehensive children before or after (a leaf has nothing to
     * cover).
     */
    private static List<ImportPlan.CoverageChange> coverageChanges(
            List<String> touched,
            Map<String, ImportPlan.Coverage> before,
            Map<String, ImportPlan.Coverage> after) {
        var changes = new ArrayList<ImportPlan.CoverageChange>();
        for (var code : touched) {
            var was = before.get(code);
            var is = after.get(code);
            if ((was != null && was.children() > 0) || (is != null && is.children() > 0)) {
                changes.add(new ImportPlan.CoverageChange(code, was, is));
            }
        }
        return changes;
    }

    /** The parents the removed areas had, for their events (the rows are gone once written). */
    private static Map<String, String> removedParents(Connection connection) throws SQLException {
        var parents = new LinkedHashMap<String, String>();
        try (var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                """
                select c.code, a.parent_code from import_change c join grid_area a on a.code = c.code
                where c.change = 'REMOVED' order by c.idx, c.code""")) {
            while (rows.next()) {
                parents.put(rows.getString(1), rows.getString(2));
            }
        }
        return parents;
    }

    private static void writeChanges(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            // Added first (their parents may be added too: one statement, checked at its end), then
            // the
            // updates (which may move an area under an added one), then the removals, whose
            // children are
            // removed with them or were moved by the updates.
            statement.executeUpdate(
                    """
                    insert into grid_area (code, name, level, kind, parent_code, geom)
                    select i.code, i.name, i.level, i.kind, i.parent_code, i.geom
                    from import_area i join import_change c on c.code = i.code and c.change = 'ADDED'""");
            statement.executeUpdate(
                    """
                    update grid_area a set name = i.name, level = i.level, kind = i.kind, parent_code = i.parent_code, geom = i.geom
                    from import_area i join import_change c on c.code = i.code and c.change = 'CHANGED'
                    where a.code = i.code""");
            statement.executeUpdate(
                    """
                    delete from grid_area a using import_change c where c.code = a.code and c.change = 'REMOVED'""");
        }
    }

    private void announce(
            Connection connection,
            Diff diff,
            long version,
            String actor,
            Map<String, String> removedParents)
            throws SQLException {
        try (var select = connection.createStatement();
                var rows =
                        select.executeQuery(
                                """
                     select i.code, i.name, i.level, i.kind, i.parent_code, ST_AsGeoJSON(i.geom, 7)
                     from import_area i join import_change c on c.code = i.code and c.change <> 'REMOVED'
                     order by i.idx""");
                var insert =
                        connection.prepareStatement(
                                """
                     insert into outbox_event (event_id, topic, message_key, type, payload) values (?, ?, ?, ?, ?)""")) {
            var outbox = new OutboxBatch(insert);
            while (rows.next()) {
                var code = rows.getString(1);
                outbox.add(
                        code,
                        events.event(
                                GridTypes.AREA_CHANGED,
                                code,
                                GridEvents.areaChanged(
                                        code,
                                        rows.getString(2),
                                        AreaLevel.valueOf(rows.getString(3)),
                                        AreaKind.valueOf(rows.getString(4)),
                                        rows.getString(5),
                                        json.readTree(rows.getString(6)))));
            }
            for (var removed : removedParents.entrySet()) {
                outbox.add(
                        removed.getKey(),
                        events.event(
                                GridTypes.AREA_REMOVED,
                                removed.getKey(),
                                new AreaRemoved(removed.getKey(), removed.getValue(), version)));
            }
            var key = "import-" + version;
            outbox.add(
                    key,
                    events.event(
                            GridTypes.AREA_IMPORT_APPLIED,
                            key,
                            new AreaImportApplied(
                                    version,
                                    actor,
                                    diff.added(),
                                    diff.changed().stream().map(ImportPlan.Changed::code).toList(),
                                    diff.removed().stream()
                                            .map(ImportPlan.Removed::code)
                                            .toList())));
            outbox.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON", e);
        }
    }

    /** Outbox rows in JDBC batches, in the order added (the relay publishes in that order). */
    private final class OutboxBatch {
        private final PreparedStatement insert;
        private int pending;

        OutboxBatch(PreparedStatement insert) {
            this.insert = insert;
        }

        void add(String key, cn.gridgov.kit.events.CloudEvent event)
                throws SQLException, JsonProcessingException {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, events.topic());
            insert.setString(3, key);
            insert.setString(4, event.type());
            insert.setString(5, json.writeValueAsString(event));
            insert.addBatch();
            if (++pending == BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            insert.executeBatch();
            pending = 0;
        }
    }

    private interface Row {
        void accept(int index, String value);
    }

    private interface Problems {
        void problem(int index, String code, String field, String message);
    }

    private static void query(Connection connection, String sql, Row row) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.accept(rows.getInt(1), rows.getString(2));
            }
        }
    }

    /**
     * The audit trail's entries for an import (the kit's AuditTrail table), one per area added
     * ({@code IMPORT}), changed ({@code IMPORT_UPDATE}) or removed ({@code IMPORT_REMOVE}), each
     * with the area before and after, written before the change in the import's transaction: one
     * statement however many areas.
     */
    private static void audit(Connection connection, String actor) throws SQLException {
        try (var insert =
                connection.prepareStatement(
                        """
                insert into audit_entry (actor, kind, code, action, before, after)
                select ?, 'AREA', c.code,
                       case c.change when 'ADDED' then 'IMPORT' when 'CHANGED' then 'IMPORT_UPDATE' else 'IMPORT_REMOVE' end,
                       (select jsonb_build_object('code', a.code, 'name', a.name, 'level', a.level, 'kind', a.kind,
                               'parentCode', a.parent_code, 'geometry', ST_AsGeoJSON(a.geom, 7)::jsonb)
                        from grid_area a where a.code = c.code),
                       (select jsonb_build_object('code', i.code, 'name', i.name, 'level', i.level, 'kind', i.kind,
                               'parentCode', i.parent_code, 'geometry', ST_AsGeoJSON(i.geom, 7)::jsonb)
                        from import_area i where i.code = c.code)
                from import_change c order by c.idx, c.code""")) {
            insert.setString(1, actor);
            insert.executeUpdate();
        }
    }
}
