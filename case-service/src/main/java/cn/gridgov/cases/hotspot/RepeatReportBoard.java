package cn.gridgov.cases.hotspot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the command center reads of repeated reports: the hotspots raised and the recurrences
 * linked, newest first.
 */
@ApplicationScoped
public class RepeatReportBoard {

    /** A hotspot with every report counted in it, oldest first. */
    public record Hotspot(
            UUID id,
            String category,
            String gridCode,
            double longitude,
            double latitude,
            int radiusMeters,
            int windowHours,
            Instant raisedAt,
            Instant firstReportedAt,
            Instant lastReportedAt,
            int reportCount,
            List<Report> cases) {}

    public record Report(UUID caseId, String number, String status, Instant reportedAt) {}

    /** A closed case reported again: who it is counted against, and the new case linked to it. */
    public record Recurrence(
            UUID caseId,
            String number,
            String category,
            Instant closedAt,
            String handlerDepartment,
            String closedBy,
            UUID recurrenceCaseId,
            String recurrenceNumber,
            Instant reportedAt) {}

    private static final String HOTSPOTS =
            """
            select h.*, coalesce(json_agg(json_build_object('caseId', c.id, 'number', c.number, 'status', c.status,
                                                            'reportedAt', c.reported_at) order by c.reported_at, c.id)
                                 filter (where c.id is not null), '[]') as cases
            from (select * from hotspot where raised_at >= $1 order by raised_at desc, id desc limit $2) h
            left join hotspot_case hc on hc.hotspot_id = h.id
            left join cases c on c.id = hc.case_id
            group by h.id, h.category, h.grid_code, h.longitude, h.latitude, h.radius_meters, h.window_hours, h.raised_at,
                     h.first_reported_at, h.last_reported_at, h.report_count
            order by h.raised_at desc, h.id desc""";

    private static final String RECURRENCES =
            """
            select r.*, closed.number, closed.category, again.number as recurrence_number
            from case_recurrence r join cases closed on closed.id = r.case_id join cases again on again.id = r.recurrence_case_id
            where r.reported_at >= $1 order by r.reported_at desc, r.recurrence_case_id desc limit $2""";

    private final Pool pool;

    public RepeatReportBoard(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Hotspot>> hotspots(Instant since, int limit) {
        return pool.preparedQuery(HOTSPOTS)
                .execute(Tuple.of(at(since), limit))
                .map(
                        rows -> {
                            var out = new ArrayList<Hotspot>();
                            for (Row row : rows) {
                                var cases = new ArrayList<Report>();
                                for (var item : row.getJsonArray("cases")) {
                                    var c = (io.vertx.core.json.JsonObject) item;
                                    cases.add(
                                            new Report(
                                                    UUID.fromString(c.getString("caseId")),
                                                    c.getString("number"),
                                                    c.getString("status"),
                                                    OffsetDateTime.parse(c.getString("reportedAt"))
                                                            .toInstant()));
                                }
                                out.add(
                                        new Hotspot(
                                                row.getUUID("id"),
                                                row.getString("category"),
                                                row.getString("grid_code"),
                                                row.getDouble("longitude"),
                                                row.getDouble("latitude"),
                                                row.getInteger("radius_meters"),
                                                row.getInteger("window_hours"),
                                                instant(row, "raised_at"),
                                                instant(row, "first_reported_at"),
                                                instant(row, "last_reported_at"),
                                                row.getInteger("report_count"),
                                                cases));
                            }
                            return out;
                        });
    }

    public Uni<List<Recurrence>> recurrences(Instant since, int limit) {
        return pool.preparedQuery(RECURRENCES)
                .execute(Tuple.of(at(since), limit))
                .map(
                        rows -> {
                            var out = new ArrayList<Recurrence>();
                            for (Row row : rows) {
                                out.add(
                                        new Recurrence(
                                                row.getUUID("case_id"),
                                                row.getString("number"),
                                                row.getString("category"),
                                                instant(row, "closed_at"),
                                                row.getString("handler_department"),
                                                row.getString("closed_by"),
                                                row.getUUID("recurrence_case_id"),
                                                row.getString("recurrence_number"),
                                                instant(row, "reported_at")));
                            }
                            return out;
                        });
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
