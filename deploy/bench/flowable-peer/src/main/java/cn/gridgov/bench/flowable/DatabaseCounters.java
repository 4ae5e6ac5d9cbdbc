package cn.gridgov.bench.flowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL counted for one database at one moment: its commits and the rows written, and the
 * size of the engine's history tables (ACT_HI_*), the part of its data that lasts after a case
 * ends. Read on a connection of its own, outside the engine's pool and its statement count.
 */
record DatabaseCounters(long commits, long rowsWritten, long historyBytes) {

    static DatabaseCounters read(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            long commits;
            long rowsWritten;
            try (ResultSet row =
                    statement.executeQuery(
                            "select xact_commit, tup_inserted + tup_updated + tup_deleted"
                                    + " from pg_stat_database where datname = current_database()")) {
                row.next();
                commits = row.getLong(1);
                rowsWritten = row.getLong(2);
            }
            try (ResultSet row =
                    statement.executeQuery(
                            "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
                                    + " join pg_namespace n on n.oid = c.relnamespace"
                                    + " where c.relkind = 'r' and n.nspname = current_schema()"
                                    + " and c.relname like 'act\\_hi\\_%'")) {
                row.next();
                return new DatabaseCounters(commits, rowsWritten, row.getLong(1));
            }
        }
    }

    DatabaseCounters since(DatabaseCounters earlier) {
        return new DatabaseCounters(
                commits - earlier.commits,
                rowsWritten - earlier.rowsWritten,
                historyBytes - earlier.historyBytes);
    }
}
