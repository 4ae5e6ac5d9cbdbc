package cn.gridgov.kit.parking;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of the database (down, restarting, out of connections, a lost race it asks us to
 * retry) from a failure of the record. The first is retried for as long as it lasts, holding the
 * partition as before, since every record would fail alike and none of them is to blame; only the
 * second counts towards parking.
 */
public final class Outage {

    /**
     * SQLSTATE classes: connection exception, insufficient resources, operator intervention
     * (shutdown), rollback (serialization, deadlock).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40");

    private Outage() {}

    public static boolean is(Throwable failure) {
        for (var cause = failure;
                cause != null;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            // A socket failing (refused, reset), not any IOException: a broken multipart body is
            // one too, and is the request's fault.
            if (cause instanceof SocketException
                    || cause instanceof ClosedConnectionException
                    || cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof DatabaseException database
                    && database.getSqlState() != null
                    && database.getSqlState().length() >= 2
                    && TRANSIENT_CLASSES.contains(database.getSqlState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
