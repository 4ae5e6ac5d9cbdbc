package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Intake's two round trips to PostgreSQL, the busiest path of the system. The first reads: is the
 * report id known, and if not, the next case number and the open cases the report may repeat. The
 * second writes the case, its reporter, its timeline entries and its events in one statement, so a
 * report costs one commit and is stored whole or not at all.
 *
 * <p>Everything else about a case is written through its entity; the insert here names every column
 * of {@link Case}, and a test reads a reported case back through the entity to hold the two
 * together.
 */
@ApplicationScoped
public class IntakeStore {

    /**
     * One report intake is about to write: its id, category and place, and the year its number is
     * drawn in.
     */
    public record Query(
            UUID reportId, String category, double longitude, double latitude, int year) {}

    /**
     * What intake needs before it writes: the case number (none when the report id is known) and
     * possible duplicates.
     */
    public record Prepared(String number, List<DuplicateCandidate> duplicates) {
        public boolean known() {
            return number == null;
        }
    }

    /** A new case with the timeline entries and events it starts with. */
    public record NewCase(Case reported, List<TimelineEntry> entries, List<CloudEvent> events) {}

    /**
     * What a write stored: the cases written (a case whose report id another copy took first is not
     * among them, and nothing of it is written) and their outbox rows, claimed by this instance for
     * the relay to publish once the statement has committed.
     */
    public record Written(Set<UUID> caseIds, List<OutboxRelay.Claimed> outbox) {}

    /*
     * For each report, in the order given: whether its id is known, and if not the next case number
     * and its duplicate candidates (并案): open cases of the same category within the radius, reported
     * within the window, nearest first. The candidates come from a nearest-neighbour scan (<->) of the
     * GiST index on the category and the planar point (so the open cases of other categories nearby
     * are never stepped over), bounded by the radius' box and stopped at the tenth, so a storm
     * of reports on one street does not make every report weigh every case near it. The box: the
     * radius in degrees of latitude, and of longitude at the report's latitude, both taken at their
     * shortest (no more than the equator's metres per degree), so it never cuts into the circle. Distances are
     * measured on the plane tangent at the report, with WGS 84's metres per degree at its latitude:
     * within millimetres of the geodesic at this range, and a third of the cost of PostGIS's
     * geography. The number is drawn only for a report id not seen before, so a phone retrying does
     * not use up numbers.
     */
    private static final String PREPARE =
            """
            select case when exists (select 1 from cases where report_id = r.report_id) then null
                        else next_case_number(r.year) end,
                   near.ids, near.numbers, near.distances, near.reported
            from unnest($1::uuid[], $2::int4[], $3::text[], $4::float8[], $5::float8[])
                 with ordinality as r(report_id, year, category, lon, lat, n)
            cross join lateral (
                  select 111412.84 * cos(radians(r.lat)) - 93.5 * cos(radians(3 * r.lat)) lon_metres,
                         111132.92 - 559.82 * cos(radians(2 * r.lat)) + 1.175 * cos(radians(4 * r.lat)) lat_metres
                 ) scale
            cross join lateral (
                  select array_agg(id order by distance) ids, array_agg(number order by distance) numbers,
                         array_agg(distance order by distance) distances, array_agg(reported_at order by distance) reported
                  from (select id, number, reported_at, distance
                        from cases,
                             lateral (select sqrt(((longitude - r.lon) * scale.lon_metres) ^ 2
                                                  + ((latitude - r.lat) * scale.lat_metres) ^ 2) distance) measured
                        where is_open
                          and category = r.category and reported_at >= $6
                          and ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)
                              && ST_Expand(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326),
                                           $7 / (111300 * cos(radians(r.lat))), $7 / 110574)
                          and distance <= $7
                        order by ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) <-> ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
                        limit 10) candidates) near
            order by r.n""";

    private static final Columns CASE =
            new Columns(
                    "id uuid, number text, report_id uuid, report_fingerprint text, "
                            + "source text, reporter_id text, category text, description text, longitude float8, latitude float8, "
                            + "address text, grid_code text, location_pending bool, dedicated_grid_codes text, subject_type text, "
                            + "status text, is_open bool, urgency text, step text, step_started_at timestamptz, step_warn_at timestamptz, "
                            + "step_due_at timestamptz, handler_kind text, merged_into uuid, send_back_count int4, rework_count int4, "
                            + "overdue_steps int4, supervision_level int4, satisfaction int4, accepted_at timestamptz, "
                            + "closed_at timestamptz, timeline_length int4, timeline_hash text, routed_department text, "
                            + "routed_department_name text, routing_rule text, routed_at timestamptz, co_handling_departments text, "
                            + "reported_at timestamptz, "
                            + "updated_at timestamptz, version int4",
                    1);
    private static final Columns TIMELINE =
            new Columns(
                    "case_id uuid, seq int4, at timestamptz, action text, "
                            + "from_status text, to_status text, actor_staff_id text, actor_role text, actor_department text, note text, "
                            + "photo_ids text, command_id uuid, prev_hash text, hash text",
                    CASE.next());
    private static final Columns EVENT =
            new Columns(
                    "case_id uuid, event_id uuid, message_key text, type text, "
                            + "payload text, created_at timestamptz",
                    TIMELINE.next());
    private static final int TOPIC = EVENT.next();
    private static final int CLAIMANT = TOPIC + 1;

    /*
     * Every case of a batch with its reporter, timeline entries and events in one statement, so the
     * batch is one commit and each case is stored whole or not at all. A case whose report id is
     * already taken (another copy of the report won a race) is skipped with everything of it. The
     * events are written already claimed by this instance's relay, in the order given, for a
     * hand-over after commit.
     */
    private static final String INSERT =
            "with new_case as (insert into cases ("
                    + CASE.names()
                    + ") select * from "
                    + CASE.unnest()
                    + " on conflict (report_id) do nothing returning id, report_id, source, reporter_id, reported_at),\n"
                    + "reporter as (insert into case_reporter (case_id, report_id, source, reporter_id, added_at) "
                    + "select id, report_id, source, reporter_id, reported_at from new_case),\n"
                    + "timeline as (insert into case_timeline ("
                    + TIMELINE.names()
                    + ") select t.* from "
                    + TIMELINE.unnest()
                    + " where t.case_id in (select id from new_case)),\n"
                    + "events as (insert into outbox_event (event_id, topic, message_key, type, payload, created_at, claimed_by, "
                    + "claimed_at) select e.event_id, $"
                    + TOPIC
                    + ", e.message_key, e.type, e.payload, e.created_at, $"
                    + CLAIMANT
                    + ", now() from "
                    + EVENT.unnestNumbered()
                    + " where e.case_id in (select id from new_case) order by e.n "
                    + "returning id, event_id)\n"
                    + "select id, null::bigint, null::uuid from new_case union all select null, id, event_id from events";

    private final Pool pool;
    private final String topic;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final double radiusMeters;
    private final Duration window;
    private final Clock clock;

    public IntakeStore(
            Pool pool,
            Outbox outbox,
            OutboxRelay relay,
            @ConfigProperty(name = CaseEvents.TOPIC_CONFIG) String topic,
            @ConfigProperty(name = "gridgov.duplicates.radius-meters") double radiusMeters,
            @ConfigProperty(name = "gridgov.duplicates.window") Duration window,
            Clock clock) {
        this.pool = pool;
        this.topic = topic;
        this.outbox = outbox;
        this.relay = relay;
        this.radiusMeters = radiusMeters;
        this.window = window;
        this.clock = clock;
    }

    /** For each query, in order, what intake needs before it writes. */
    public Uni<List<Prepared>> prepare(List<Query> queries) {
        int n = queries.size();
        var ids = new UUID[n];
        var years = new Integer[n];
        var categories = new String[n];
        var longitudes = new Double[n];
        var latitudes = new Double[n];
        for (int i = 0; i < n; i++) {
            var query = queries.get(i);
            ids[i] = query.reportId();
            years[i] = query.year();
            categories[i] = query.category();
            longitudes[i] = query.longitude();
            latitudes[i] = query.latitude();
        }
        return pool.preparedQuery(PREPARE)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    ids,
                                    years,
                                    categories,
                                    longitudes,
                                    latitudes,
                                    utc(clock.instant().minus(window)),
                                    radiusMeters
                                }))
                .map(
                        rows -> {
                            var prepared = new ArrayList<Prepared>(n);
                            rows.forEach(row -> prepared.add(prepared(row)));
                            return prepared;
                        });
    }

    private static Prepared prepared(Row row) {
        var number = row.getString(0);
        var ids = row.getArrayOfUUIDs(1);
        if (ids == null) {
            return new Prepared(number, List.of());
        }
        var numbers = row.getArrayOfStrings(2);
        var distances = row.getArrayOfDoubles(3);
        var reported = row.getArrayOfOffsetDateTimes(4);
        var duplicates = new ArrayList<DuplicateCandidate>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            duplicates.add(
                    new DuplicateCandidate(
                            ids[i], numbers[i], distances[i], reported[i].toInstant()));
        }
        return new Prepared(number, duplicates);
    }

    /** Writes the new cases with their reporters, timeline entries and events in one statement. */
    public Uni<Written> insert(List<NewCase> newCases) {
        var cases = new ArrayList<Object[]>(newCases.size());
        var entries = new ArrayList<Object[]>(newCases.size() * 2);
        var events = new ArrayList<Object[]>(newCases.size() * 2);
        var payloads = new HashMap<UUID, OutboxRow>();
        for (var newCase : newCases) {
            var c = newCase.reported();
            cases.add(
                    new Object[] {
                        c.id,
                        c.number,
                        c.reportId,
                        c.reportFingerprint,
                        name(c.source),
                        c.reporterId,
                        c.category,
                        c.description,
                        c.longitude,
                        c.latitude,
                        c.address,
                        c.gridCode,
                        c.locationPending,
                        c.dedicatedGridCodes,
                        name(c.subjectType),
                        name(c.status),
                        c.open,
                        name(c.urgency),
                        name(c.step),
                        utc(c.stepStartedAt),
                        utc(c.stepWarnAt),
                        utc(c.stepDueAt),
                        name(c.handlerKind),
                        c.mergedInto,
                        c.sendBackCount,
                        c.reworkCount,
                        c.overdueSteps,
                        c.supervisionLevel,
                        c.satisfaction,
                        utc(c.acceptedAt),
                        utc(c.closedAt),
                        c.timelineLength,
                        c.timelineHash,
                        c.routedDepartment,
                        c.routedDepartmentName,
                        c.routingRule,
                        utc(c.routedAt),
                        c.coHandlingDepartments,
                        utc(c.reportedAt),
                        utc(c.updatedAt),
                        c.version
                    });
            for (var e : newCase.entries()) {
                entries.add(
                        new Object[] {
                            c.id,
                            e.seq,
                            utc(e.at),
                            e.action,
                            e.fromStatus,
                            e.toStatus,
                            e.actorStaffId,
                            e.actorRole,
                            e.actorDepartment,
                            e.note,
                            e.photoIds,
                            e.commandId,
                            e.prevHash,
                            e.hash
                        });
            }
            for (var event : newCase.events()) {
                var id = UUID.fromString(event.id());
                var payload = outbox.write(event);
                payloads.put(id, new OutboxRow(event.subject(), event.type(), payload));
                events.add(
                        new Object[] {
                            c.id, id, event.subject(), event.type(), payload, utc(event.time())
                        });
            }
        }
        var values = new ArrayList<Object>(CLAIMANT);
        values.addAll(CASE.arrays(cases));
        values.addAll(TIMELINE.arrays(entries));
        values.addAll(EVENT.arrays(events));
        values.add(topic);
        values.add(relay.directClaimant());
        return pool.preparedQuery(INSERT)
                .execute(Tuple.from(values))
                .map(
                        rows -> {
                            var caseIds = new HashSet<UUID>();
                            var claimed = new ArrayList<OutboxRelay.Claimed>();
                            for (Row row : rows) {
                                if (row.getUUID(0) != null) {
                                    caseIds.add(row.getUUID(0));
                                } else {
                                    var event = payloads.get(row.getUUID(2));
                                    claimed.add(
                                            new OutboxRelay.Claimed(
                                                    row.getLong(1),
                                                    topic,
                                                    event.key(),
                                                    event.type(),
                                                    event.payload(),
                                                    null));
                                }
                            }
                            claimed.sort(Comparator.comparingLong(OutboxRelay.Claimed::id));
                            return new Written(caseIds, claimed);
                        });
    }

    private record OutboxRow(String key, String type, String payload) {}

    /**
     * Columns passed as one array parameter each and turned back into rows with unnest, so a
     * statement's text (and its prepared form) is the same for a batch of any size.
     */
    private static final class Columns {

        private final List<String> names;
        private final List<String> types;
        private final int firstParameter;

        /** Columns as "name type, ...", passed as parameters $first, $first + 1, .... */
        Columns(String columns, int firstParameter) {
            this.names = Stream.of(columns.split(", ")).map(c -> c.split(" ")[0]).toList();
            this.types = Stream.of(columns.split(", ")).map(c -> c.split(" ")[1]).toList();
            this.firstParameter = firstParameter;
        }

        String names() {
            return String.join(", ", names);
        }

        int next() {
            return firstParameter + names.size();
        }

        /** "unnest($1::uuid[], ...) as t(id, ...)". */
        String unnest() {
            return parameters() + " as t(" + names() + ")";
        }

        /** The same, numbering the rows: "... with ordinality as e(..., n)". */
        String unnestNumbered() {
            return parameters() + " with ordinality as e(" + names() + ", n)";
        }

        private String parameters() {
            var sql = new StringBuilder("unnest(");
            for (int i = 0; i < types.size(); i++) {
                sql.append(i == 0 ? "" : ", ")
                        .append('$')
                        .append(firstParameter + i)
                        .append("::")
                        .append(types.get(i))
                        .append("[]");
            }
            return sql.append(')').toString();
        }

        /** One typed array per column, from rows of values in column order. */
        List<Object> arrays(List<Object[]> rows) {
            var arrays = new ArrayList<Object>(types.size());
            for (int column = 0; column < types.size(); column++) {
                Object[] array =
                        switch (types.get(column)) {
                            case "uuid" -> new UUID[rows.size()];
                            case "text" -> new String[rows.size()];
                            case "float8" -> new Double[rows.size()];
                            case "bool" -> new Boolean[rows.size()];
                            case "int4" -> new Integer[rows.size()];
                            case "timestamptz" -> new OffsetDateTime[rows.size()];
                            default ->
                                    throw new IllegalStateException(
                                            "no array for column type " + types.get(column));
                        };
                for (int row = 0; row < rows.size(); row++) {
                    var values = rows.get(row);
                    if (values.length != types.size()) {
                        throw new IllegalArgumentException(
                                values.length + " values for " + types.size() + " columns");
                    }
                    array[row] = values[column];
                }
                arrays.add(array);
            }
            return arrays;
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
