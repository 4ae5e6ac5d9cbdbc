package cn.gridgov.grid.geojson;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.GridIndex;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.outbox.OutboxRelay;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.postgis.jdbc.PGgeometry;
import org.jboss.logging.Logger;

/**
 * Imports a FeatureCollection all or nothing, in one JDBC transaction.
 *
 * <p>Why JDBC and PostGIS JDBC here, when the rest of the service uses Hibernate Reactive: an
 * import is a bulk job of up to tens of thousands of polygons. The features go to PostGIS as typed
 * {@link PGgeometry} parameters in one batch into a temporary table, and a handful of set-based
 * queries then vet them all at once (validity with PostGIS's reason, codes taken, unknown parents,
 * children outside their parents). Only if nothing is wrong are the areas and their events copied
 * into place; otherwise the transaction is rolled back and every bad feature is reported.
 */
@ApplicationScoped
public class AreaImporter {

    private static final Logger LOG = Logger.getLogger(AreaImporter.class);
    private static final int BATCH = 1_000;

    private final AgroalDataSource dataSource;
    private final GridEvents events;
    private final OutboxRelay relay;
    private final GridIndex index;
    private final ObjectMapper json;

    public AreaImporter(AgroalDataSource dataSource, GridEvents events, OutboxRelay relay, GridIndex index, ObjectMapper json) {
        this.index = index;
        this.dataSource = dataSource;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    /** The codes imported, in collection order, without an audit entry (benchmarks). Blocking. */
    public List<String> importAll(FeatureReader.Result read, boolean announce) {
        return importAll(read, announce, null);
    }

    /**
     * The codes imported, in collection order; {@code actor} (the staff id from the token), when
     * given, is recorded in the audit trail for every area, in the import's transaction. Blocking:
     * call it from a worker thread.
     */
    public List<String> importAll(FeatureReader.Result read, boolean announce, String actor) {
        var problems = new ArrayList<>(read.problems());
        problems.addAll(hierarchyProblems(read));
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                stage(connection, read.features());
                problems.addAll(databaseProblems(connection, read));
                if (!problems.isEmpty()) {
                    connection.rollback();
                    problems.sort(Comparator.comparingInt(FeatureProblem::index).thenComparing(FeatureProblem::code));
                    throw new ImportRejected(problems, read.count());
                }
                copyIntoPlace(connection);
                if (announce) {
                    announce(connection);
                }
                if (actor != null) {
                    audit(connection, actor);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw Problem.conflict("AREA_EXISTS", "features", "an area of this import was created meanwhile: " + e.getMessage());
            }
            throw new IllegalStateException("import failed: " + e.getMessage(), e);
        }
        index.markStale();
        if (announce) {
            relay.nudge();
        }
        LOG.infof("imported %d areas", read.features().size());
        return read.features().stream().map(ImportFeature::code).toList();
    }

    /** Duplicate codes and parent cycles inside the collection: plain Java, no database needed. */
    private static List<FeatureProblem> hierarchyProblems(FeatureReader.Result read) {
        var problems = new ArrayList<FeatureProblem>();
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < read.codes().size(); i++) {
            var code = read.codes().get(i);
            if (code != null && firstIndex.putIfAbsent(code, i) != null) {
                problems.add(new FeatureProblem(i, "DUPLICATE_CODE", "properties.code",
                        "code " + code + " is also used by feature " + firstIndex.get(code)));
            }
        }
        Map<String, String> parentOf = new HashMap<>();
        read.features().forEach(f -> parentOf.putIfAbsent(f.code(), f.parentCode()));
        for (var feature : read.features()) {
            var seen = new HashSet<String>();
            for (var code = feature.code(); code != null; code = parentOf.get(code)) {
                if (!seen.add(code)) {
                    problems.add(new FeatureProblem(feature.index(), "PARENT_CYCLE", "properties.parentCode",
                            "the parents of " + feature.code() + " go round in a circle"));
                    break;
                }
            }
        }
        return problems;
    }

    private static void stage(Connection connection, List<ImportFeature> features) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temporary table import_area (
                        idx integer primary key, code text not null, name text not null, level text not null,
                        kind text not null, parent_code text, geom geometry(MultiPolygon, 4326) not null
                    ) on commit drop""");
        }
        try (var insert = connection.prepareStatement(
                "insert into import_area (idx, code, name, level, kind, parent_code, geom) values (?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (var feature : features) {
                insert.setInt(1, feature.index());
                insert.setString(2, feature.code());
                insert.setString(3, feature.name());
                insert.setString(4, feature.level().name());
                insert.setString(5, feature.kind().name());
                insert.setString(6, feature.parentCode());
                insert.setObject(7, new PGgeometry(feature.geometry()));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
        try (var statement = connection.createStatement()) {
            statement.execute("create index on import_area (code)");
            statement.execute("analyze import_area");
        }
    }

    private static List<FeatureProblem> databaseProblems(Connection connection, FeatureReader.Result read) throws SQLException {
        var problems = new ArrayList<FeatureProblem>();
        query(connection, "select idx, ST_IsValidReason(geom) from import_area where not ST_IsValid(geom)",
                (idx, detail) -> problems.add(new FeatureProblem(idx, "GEOMETRY_INVALID", "geometry", "invalid geometry: " + detail)));
        query(connection, "select i.idx, i.code from import_area i join grid_area a on a.code = i.code",
                (idx, code) -> problems.add(new FeatureProblem(idx, "AREA_EXISTS", "properties.code", "area " + code + " already exists")));
        var inCollection = new HashSet<>(read.codes());
        query(connection, """
                        select i.idx, i.parent_code from import_area i
                        where i.parent_code is not null
                          and not exists (select 1 from grid_area a where a.code = i.parent_code)""",
                (idx, parent) -> {
                    if (!inCollection.contains(parent)) {
                        problems.add(new FeatureProblem(idx, "PARENT_UNKNOWN", "properties.parentCode",
                                "parent area " + parent + " is neither in the collection nor stored"));
                    }
                });
        // A dedicated grid may straddle the grids it overlays, but never leaves its parent.
        query(connection, """
                        select i.idx, i.parent_code from import_area i
                        join lateral (select coalesce((select geom from import_area p where p.code = i.parent_code),
                                                      (select geom from grid_area p where p.code = i.parent_code)) as geom) parent on true
                        where parent.geom is not null and ST_IsValid(i.geom) and ST_IsValid(parent.geom)
                          and not ST_CoveredBy(i.geom, parent.geom)""",
                (idx, parent) -> problems.add(new FeatureProblem(idx, "OUTSIDE_PARENT", "geometry",
                        "the area is not inside its parent " + parent)));
        return problems;
    }

    private static void copyIntoPlace(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            // One statement: the parent keys are checked at its end, so the order of the rows does not matter.
            statement.executeUpdate("""
                    insert into grid_area (code, name, level, kind, parent_code, geom)
                    select code, name, level, kind, parent_code, geom from import_area""");
        }
    }

    private void announce(Connection connection) throws SQLException {
        try (var select = connection.createStatement();
             var rows = select.executeQuery(
                     "select code, name, level, kind, parent_code, ST_AsGeoJSON(geom, 7) from import_area order by idx");
             var insert = connection.prepareStatement("""
                     insert into outbox_event (event_id, topic, message_key, type, payload) values (?, ?, ?, ?, ?)""")) {
            int pending = 0;
            while (rows.next()) {
                var code = rows.getString(1);
                var change = GridEvents.areaChanged(code, rows.getString(2), AreaLevel.valueOf(rows.getString(3)),
                        AreaKind.valueOf(rows.getString(4)), rows.getString(5), json.readTree(rows.getString(6)));
                var event = events.event(GridTypes.AREA_CHANGED, code, change);
                insert.setObject(1, UUID.fromString(event.id()));
                insert.setString(2, events.topic());
                insert.setString(3, code);
                insert.setString(4, event.type());
                insert.setString(5, json.writeValueAsString(event));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON", e);
        }
    }

    private interface Row {
        void accept(int index, String value);
    }

    private static void query(Connection connection, String sql, Row row) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.accept(rows.getInt(1), rows.getString(2));
            }
        }
    }

    /**
     * The audit trail's entries for an import (the kit's AuditTrail table), one per area, from the
     * staging table in the import's JDBC transaction: one statement however many areas.
     */
    private static void audit(Connection connection, String actor) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into audit_entry (actor, kind, code, action, after)
                select ?, 'AREA', code, 'IMPORT', jsonb_build_object('code', code, 'name', name, 'level', level,
                       'kind', kind, 'parentCode', parent_code, 'geometry', ST_AsGeoJSON(geom, 7)::jsonb)
                from import_area order by idx""")) {
            insert.setString(1, actor);
            insert.executeUpdate();
        }
    }
}
