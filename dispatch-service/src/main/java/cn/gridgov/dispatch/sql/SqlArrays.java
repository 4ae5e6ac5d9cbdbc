package cn.gridgov.dispatch.sql;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions for the set-based statements of the consumers: Java times to and from {@code
 * timestamptz}.
 */
public final class SqlArrays {

    private SqlArrays() {}

    /** An array for {@code unnest($n::timestamptz[])}; nulls stay null. */
    public static OffsetDateTime[] timestamps(Instant[] instants) {
        var times = new OffsetDateTime[instants.length];
        for (int i = 0; i < instants.length; i++) {
            times[i] =
                    instants[i] == null
                            ? null
                            : OffsetDateTime.ofInstant(instants[i], ZoneOffset.UTC);
        }
        return times;
    }

    public static Instant instant(Row row, String column) {
        var time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
