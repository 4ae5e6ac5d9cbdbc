package cn.gridgov.kit.testing.hostile;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the database holds, table by table, as a refused request could change it: the number of rows
 * and the newest row version ({@code max(xmin)}, which an insert or an update moves and a
 * rolled-back transaction does not). Two equal snapshots mean nothing was written in between.
 */
final class RowSnapshot {

    private RowSnapshot() {}

    static Map<String, String> of(DataSource db, Set<String> ignored) {
        try (var c = db.getConnection();
                var tables =
                        c.prepareStatement(
                                "select table_name from information_schema.tables where table_schema = 'public'"
                                        + " and table_type = 'BASE TABLE' and table_name not in"
                                        + " ('flyway_schema_history', 'spatial_ref_sys') order by table_name");
                var rows = tables.executeQuery()) {
            var names = new ArrayList<String>();
            while (rows.next()) {
                if (!ignored.contains(rows.getString(1))) {
                    names.add(rows.getString(1));
                }
            }
            var snapshot = new TreeMap<String, String>();
            try (var statement = c.createStatement()) {
                for (var table : names) {
                    try (var counted =
                            statement.executeQuery(
                                    "select count(*), coalesce(max(xmin::text::bigint), 0) from \""
                                            + table
                                            + "\"")) {
                        counted.next();
                        snapshot.put(
                                table,
                                counted.getLong(1) + " rows, newest version " + counted.getLong(2));
                    }
                }
            }
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the database's snapshot", e);
        }
    }

    /** The tables whose snapshot differs, with before and after. */
    static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        var changes = new TreeMap<String, String>();
        var tables = new java.util.TreeSet<>(before.keySet());
        tables.addAll(after.keySet());
        for (var table : tables) {
            var was = before.get(table);
            var is = after.get(table);
            if (was == null ? is != null : !was.equals(is)) {
                changes.put(table, was + " → " + is);
            }
        }
        return changes;
    }
}
