package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.messaging.Topics;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Intake's two round trips to PostgreSQL, the busiest path of the system. The first reads: is the
 * report id known, and if not, the next case number and the open cases the report may repeat. The
 * second writes the case, its reporter, its timeline entries and its events in one statement, so a
 * report costs one commit and is stored whole or not at all.
 *
 * <p>Everything else about a case is written through its entity; the insert here names every
 * column of {@link Case}, and a test reads a reported case back through the entity to hold the two
 * together.
 */
@ApplicationScoped
public class IntakeStore {

    /** What intake needs before it writes: the case number (none when the report id is known) and possible duplicates. */
    public record Prepared(String number, List<DuplicateCandidate> duplicates) {
        public boolean known() {
            return number == null;
        }
    }

    /*
     * Duplicate candidates (并案): open cases of the same category within the radius, reported within
     * the window, nearest first. The candidates come from a nearest-neighbour scan (<->) of the GiST
     * index on the planar point, bounded by the radius' box and stopped at the tenth, so a storm of
     * reports on one street does not make every report weigh every case near it. Planar order is
     * nearly the true one at this range; the distances, and the final order, are on the sphere (within
     * centimetres of the spheroid's). The box: the radius in degrees of latitude, and of longitude at
     * the report's latitude. The number is drawn only for a report id not seen before, so a phone
     * retrying does not use up numbers.
     */
    private static final String PREPARE = """
            select case when exists (select 1 from cases where report_id = $1) then null
                        else next_case_number($2) end,
                   near.ids, near.numbers, near.distances, near.reported
            from (select array_agg(id order by distance) ids, array_agg(number order by distance) numbers,
                         array_agg(distance order by distance) distances, array_agg(reported_at order by distance) reported
                  from (select id, number, reported_at,
                               ST_Distance(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography,
                                           ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography, false) distance
                        from cases
                        where status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED')
                          and category = $3 and reported_at >= $6
                          and ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)
                              && ST_Expand(ST_SetSRID(ST_MakePoint($4, $5), 4326),
                                           $7 / (111320 * cos(radians($5))), $7 / 110574)
                          and ST_DWithin(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography,
                                         ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography, $7, false)
                        order by ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) <-> ST_SetSRID(ST_MakePoint($4, $5), 4326)
                        limit 10) candidates) near""";

    private static final String CASE_COLUMNS = "id, number, report_id, report_fingerprint, source, reporter_id, category, "
            + "description, longitude, latitude, address, grid_code, location_pending, dedicated_grid_codes, subject_type, "
            + "status, urgency, step, step_started_at, step_warn_at, step_due_at, handler_kind, merged_into, "
            + "send_back_count, rework_count, overdue_steps, supervision_level, satisfaction, accepted_at, closed_at, "
            + "timeline_length, timeline_hash, routed_department, routed_department_name, routing_rule, routed_at, "
            + "reported_at, updated_at, version";
    private static final String CASE_TYPES = "uuid, text, uuid, text, text, text, text, text, float8, float8, text, text, "
            + "bool, text, text, text, text, text, timestamptz, timestamptz, timestamptz, text, uuid, int4, int4, int4, int4, "
            + "int4, timestamptz, timestamptz, int4, text, text, text, text, timestamptz, timestamptz, timestamptz, int4";
    private static final String TIMELINE_COLUMNS = "seq, at, action, from_status, to_status, actor_staff_id, actor_role, "
            + "actor_department, note, photo_ids, command_id, prev_hash, hash";
    private static final String TIMELINE_TYPES = "int4, timestamptz, text, text, text, text, text, text, text, text, uuid, text, text";
    private static final String OUTBOX_COLUMNS = "event_id, topic, message_key, type, payload, created_at";
    private static final String OUTBOX_TYPES = "uuid, text, text, text, text, timestamptz";

    private final Pool pool;
    private final String topic;
    private final Outbox outbox;
    private final double radiusMeters;
    private final Duration window;
    private final Clock clock;

    public IntakeStore(Pool pool, Outbox outbox, @ConfigProperty(name = Topics.CASE_EVENTS_CONFIG) String topic,
                       @ConfigProperty(name = "gridgov.duplicates.radius-meters") double radiusMeters,
                       @ConfigProperty(name = "gridgov.duplicates.window") Duration window, Clock clock) {
        this.pool = pool;
        this.topic = topic;
        this.outbox = outbox;
        this.radiusMeters = radiusMeters;
        this.window = window;
        this.clock = clock;
    }

    public Uni<Prepared> prepare(Report report, String category, int year) {
        return pool.preparedQuery(PREPARE).execute(Tuple.from(List.of(report.reportId(), year, category,
                        report.longitude(), report.latitude(), utc(clock.instant().minus(window)), radiusMeters)))
                .map(rows -> prepared(rows.iterator().next()));
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
            duplicates.add(new DuplicateCandidate(ids[i], numbers[i], distances[i], reported[i].toInstant()));
        }
        return new Prepared(number, duplicates);
    }

    /**
     * Writes the new case with its reporter, timeline entries and case events in one statement.
     * False when another copy of the report got there first (its report id is taken): nothing is written.
     */
    public Uni<Boolean> insert(Case c, List<TimelineEntry> entries, List<CloudEvent> events) {
        var values = new ArrayList<Object>(64);
        var sql = new StringBuilder("with new_case as (insert into cases (").append(CASE_COLUMNS).append(") values ");
        row(sql, values, CASE_TYPES, c.id, c.number, c.reportId, c.reportFingerprint, name(c.source), c.reporterId,
                c.category, c.description, c.longitude, c.latitude, c.address, c.gridCode, c.locationPending,
                c.dedicatedGridCodes, name(c.subjectType), name(c.status), name(c.urgency), name(c.step),
                utc(c.stepStartedAt), utc(c.stepWarnAt), utc(c.stepDueAt), name(c.handlerKind), c.mergedInto,
                c.sendBackCount, c.reworkCount, c.overdueSteps, c.supervisionLevel, c.satisfaction, utc(c.acceptedAt),
                utc(c.closedAt), c.timelineLength, c.timelineHash, c.routedDepartment, c.routedDepartmentName,
                c.routingRule, utc(c.routedAt), utc(c.reportedAt), utc(c.updatedAt), c.version);
        sql.append(" on conflict (report_id) do nothing returning id),\n");
        sql.append("reporter as (insert into case_reporter (case_id, report_id, source, reporter_id, added_at) ")
                .append("select id, ").append(caseParameter("report_id")).append(", ").append(caseParameter("source"))
                .append(", ").append(caseParameter("reporter_id")).append(", ").append(caseParameter("reported_at"))
                .append(" from new_case),\n");
        sql.append("timeline as (insert into case_timeline (case_id, ").append(TIMELINE_COLUMNS)
                .append(") select new_case.id, entry.* from new_case, (values ");
        for (int i = 0; i < entries.size(); i++) {
            var e = entries.get(i);
            sql.append(i == 0 ? "" : ", ");
            row(sql, values, TIMELINE_TYPES, e.seq, utc(e.at), e.action, e.fromStatus, e.toStatus, e.actorStaffId,
                    e.actorRole, e.actorDepartment, e.note, e.photoIds, e.commandId, e.prevHash, e.hash);
        }
        sql.append(") entry),\n");
        sql.append("events as (insert into outbox_event (").append(OUTBOX_COLUMNS)
                .append(") select event.* from new_case, (values ");
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            sql.append(i == 0 ? "" : ", ");
            row(sql, values, OUTBOX_TYPES, UUID.fromString(event.id()), topic, event.subject(), event.type(),
                    outbox.write(event), utc(event.time()));
        }
        sql.append(") event)\nselect count(*) from new_case");
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values))
                .map(rows -> rows.iterator().next().getLong(0) == 1);
    }

    /** The parameter that carries a column of the case, for the statements that repeat it. */
    private static String caseParameter(String column) {
        var index = List.of(CASE_COLUMNS.split(", ")).indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("cases has no column " + column);
        }
        return "$" + (index + 1);
    }

    /** Appends "($n::type, ...)" for the values, numbering the parameters after those already given. */
    private static void row(StringBuilder sql, List<Object> values, String types, Object... row) {
        var typeNames = types.split(", ");
        if (typeNames.length != row.length) {
            throw new IllegalArgumentException(row.length + " values for " + typeNames.length + " columns");
        }
        sql.append('(');
        for (int i = 0; i < row.length; i++) {
            values.add(row[i]);
            sql.append(i == 0 ? "" : ", ").append('$').append(values.size()).append("::").append(typeNames[i]);
        }
        sql.append(')');
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
