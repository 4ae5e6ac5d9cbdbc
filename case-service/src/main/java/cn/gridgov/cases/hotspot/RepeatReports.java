package cn.gridgov.cases.hotspot;

import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.CaseRecurred;
import cn.gridgov.contracts.cases.HotspotRaised;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a new report says about the place it comes from: whether it makes a hotspot of its category
 * there (三天三单), or joins one already raised; and whether it repeats a case closed there lately (a
 * recurrence, linked to the closed case and counted against its closer). Runs in the caller's
 * transaction over its SQL connection and answers the events to announce.
 *
 * <p>Distances are PostGIS's, on the spheroid ({@code ST_DWithin} on geography); a box around the
 * point first lets the GiST index on every case's point ({@code cases_point_idx}) find the few
 * cases near it. Rejected reports (作废: not real) never count; merged ones do, each is a report.
 */
@ApplicationScoped
public class RepeatReports {

    /**
     * Within {@code $3} metres of the point ($1, $2): the index's box, then the distance on the
     * spheroid.
     */
    private static final String NEAR =
            """
            ST_SetSRID(ST_MakePoint(%1$s.longitude, %1$s.latitude), 4326)
                && ST_Expand(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326),
                             $3::float8 / (111320.0 * cos(radians($2::float8))) * 1.01, $3::float8 / 110574.0 * 1.01)
            and ST_DWithin(ST_MakePoint(%1$s.longitude, %1$s.latitude)::geography,
                           ST_MakePoint($1::float8, $2::float8)::geography, $3::float8)""";

    private static final String THE_CASE =
            """
            select number, category, grid_code, longitude, latitude, reported_at, status from cases where id = $1""";

    /**
     * Two reports of a category at one place at once must not raise two hotspots: one at a time per
     * category.
     */
    private static final String ONE_AT_A_TIME =
            "select pg_advisory_xact_lock(hashtext('hotspot:' || $1))";

    /**
     * A hotspot of the category still active at the place: its last report within the window before
     * this one.
     */
    private static final String ACTIVE =
            "select id from hotspot h where "
                    + NEAR.formatted("h")
                    + " and h.category = $4 and h.last_reported_at >= $5 order by h.raised_at desc limit 1";

    private static final String JOIN =
            """
            with joined as (insert into hotspot_case (hotspot_id, case_id) values ($1, $2) on conflict do nothing returning hotspot_id)
            update hotspot set report_count = report_count + 1, last_reported_at = greatest(last_reported_at, $3)
            where id in (select hotspot_id from joined)""";

    /** The reports of the category at the place within the window up to this one, oldest first. */
    private static final String REPORTS_NEAR =
            "select c.id, c.number, c.reported_at from cases c where "
                    + NEAR.formatted("c")
                    + " and c.category = $4 and c.reported_at >= $5 and c.reported_at <= $6 and c.status <> $7"
                    + " order by c.reported_at, c.id";

    private static final String RAISE =
            """
            with raised as (
                insert into hotspot (id, category, grid_code, longitude, latitude, radius_meters, window_hours, raised_at,
                                     first_reported_at, last_reported_at, report_count)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, cardinality($11::uuid[])))
            insert into hotspot_case (hotspot_id, case_id) select $1, unnest($11::uuid[])""";

    /**
     * The case of the category closed at the place most lately, within the days allowed before this
     * report, with who closed it: its handler and the staff member whose check closed it (CLOSED on
     * its timeline).
     */
    private static final String CLOSED_NEAR =
            "select c.id, c.number, c.closed_at, c.routed_department, "
                    + "(select t.actor_staff_id from case_timeline t where t.case_id = c.id and t.action = 'CLOSED' "
                    + "order by t.seq desc limit 1) as closed_by from cases c where "
                    + NEAR.formatted("c")
                    + " and c.category = $4 and c.closed_at >= $5 and c.closed_at <= $6 and c.id <> $7"
                    + " order by c.closed_at desc limit 1";

    private static final String LINK =
            """
            insert into case_recurrence (recurrence_case_id, case_id, handler_department, closed_by, closed_at, reported_at)
            values ($1, $2, $3, $4, $5, $6) on conflict do nothing""";

    private final RepeatReportConfig config;
    private final Outbox outbox;
    private final Clock clock;

    public RepeatReports(RepeatReportConfig config, Outbox outbox, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The case as stored; nothing when this database holds no such case. */
    private record Reported(
            UUID id,
            String number,
            String category,
            String gridCode,
            double longitude,
            double latitude,
            Instant reportedAt,
            String status) {}

    /**
     * The events this reported case causes: a hotspot raised, a closed case recurring; none for a
     * case we do not hold.
     */
    public Uni<List<CloudEvent>> onReported(SqlConnection connection, UUID caseId) {
        return connection
                .preparedQuery(THE_CASE)
                .execute(Tuple.of(caseId))
                .chain(
                        rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(List.<CloudEvent>of());
                            }
                            var row = rows.iterator().next();
                            var reported =
                                    new Reported(
                                            caseId,
                                            row.getString("number"),
                                            row.getString("category"),
                                            row.getString("grid_code"),
                                            row.getDouble("longitude"),
                                            row.getDouble("latitude"),
                                            instant(row, "reported_at"),
                                            row.getString("status"));
                            if (CaseStatus.REJECTED.name().equals(reported.status())) {
                                return Uni.createFrom().item(List.<CloudEvent>of());
                            }
                            return hotspot(connection, reported)
                                    .chain(
                                            raised ->
                                                    recurrence(connection, reported)
                                                            .map(
                                                                    recurred -> {
                                                                        var events =
                                                                                new ArrayList<
                                                                                        CloudEvent>(
                                                                                        2);
                                                                        raised.forEach(events::add);
                                                                        recurred.forEach(
                                                                                events::add);
                                                                        return events;
                                                                    }));
                        });
    }

    private Uni<List<CloudEvent>> hotspot(SqlConnection connection, Reported c) {
        var windowStart = at(c.reportedAt().minus(config.hotspotWindow()));
        return connection
                .preparedQuery(ONE_AT_A_TIME)
                .execute(Tuple.of(c.category()))
                .chain(
                        () ->
                                connection
                                        .preparedQuery(ACTIVE)
                                        .execute(
                                                near(c).addString(c.category())
                                                        .addValue(windowStart)))
                .chain(
                        active -> {
                            if (active.size() > 0) {
                                var hotspotId = active.iterator().next().getUUID("id");
                                return connection
                                        .preparedQuery(JOIN)
                                        .execute(Tuple.of(hotspotId, c.id(), at(c.reportedAt())))
                                        .replaceWith(List.<CloudEvent>of());
                            }
                            return connection
                                    .preparedQuery(REPORTS_NEAR)
                                    .execute(
                                            near(c).addString(c.category())
                                                    .addValue(windowStart)
                                                    .addValue(at(c.reportedAt()))
                                                    .addString(CaseStatus.REJECTED.name()))
                                    .chain(
                                            reports ->
                                                    reports.size() < config.hotspotReports()
                                                            ? Uni.createFrom()
                                                                    .item(List.<CloudEvent>of())
                                                            : raise(connection, c, reports));
                        });
    }

    private Uni<List<CloudEvent>> raise(SqlConnection connection, Reported c, Iterable<Row> rows) {
        var reports = new ArrayList<HotspotRaised.Report>();
        rows.forEach(
                row ->
                        reports.add(
                                new HotspotRaised.Report(
                                        row.getUUID("id"),
                                        row.getString("number"),
                                        instant(row, "reported_at"))));
        var hotspotId = UUID.randomUUID();
        var now = clock.instant();
        var windowHours = (int) config.hotspotWindow().toHours();
        var caseIds = reports.stream().map(HotspotRaised.Report::caseId).toArray(UUID[]::new);
        return connection
                .preparedQuery(RAISE)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    hotspotId,
                                    c.category(),
                                    c.gridCode(),
                                    c.longitude(),
                                    c.latitude(),
                                    config.radiusMeters(),
                                    windowHours,
                                    at(now),
                                    at(reports.get(0).reportedAt()),
                                    at(c.reportedAt()),
                                    caseIds
                                }))
                .map(
                        done ->
                                List.of(
                                        outbox.envelope(
                                                CaseTypes.HOTSPOT_RAISED,
                                                hotspotId.toString(),
                                                now,
                                                new HotspotRaised(
                                                        hotspotId,
                                                        c.category(),
                                                        c.gridCode(),
                                                        c.longitude(),
                                                        c.latitude(),
                                                        config.radiusMeters(),
                                                        windowHours,
                                                        now,
                                                        List.copyOf(reports)))));
    }

    private Uni<List<CloudEvent>> recurrence(SqlConnection connection, Reported c) {
        var since = at(c.reportedAt().minus(config.recurrenceWithin()));
        return connection
                .preparedQuery(CLOSED_NEAR)
                .execute(
                        near(c).addString(c.category())
                                .addValue(since)
                                .addValue(at(c.reportedAt()))
                                .addUUID(c.id()))
                .chain(
                        rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().item(List.<CloudEvent>of());
                            }
                            var closed = rows.iterator().next();
                            var closedCase = closed.getUUID("id");
                            var closedAt = instant(closed, "closed_at");
                            var department = closed.getString("routed_department");
                            var closedBy = closed.getString("closed_by");
                            return connection
                                    .preparedQuery(LINK)
                                    .execute(
                                            Tuple.from(
                                                    new Object[] {
                                                        c.id(),
                                                        closedCase,
                                                        department,
                                                        closedBy,
                                                        at(closedAt),
                                                        at(c.reportedAt())
                                                    }))
                                    .map(
                                            linked ->
                                                    linked.rowCount() == 0
                                                            ? List.<CloudEvent>of()
                                                            : List.of(
                                                                    outbox.envelope(
                                                                            CaseTypes.RECURRED,
                                                                            closedCase.toString(),
                                                                            clock.instant(),
                                                                            new CaseRecurred(
                                                                                    closedCase,
                                                                                    closed
                                                                                            .getString(
                                                                                                    "number"),
                                                                                    c.category(),
                                                                                    closedAt,
                                                                                    department,
                                                                                    closedBy,
                                                                                    c.id(),
                                                                                    c.number(),
                                                                                    c
                                                                                            .reportedAt()))));
                        });
    }

    private Tuple near(Reported c) {
        return Tuple.of(c.longitude(), c.latitude(), (double) config.radiusMeters());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
