package cn.gridgov.cases.evaluation;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.parking.UnusableEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the read model's facts (V16) from the events: one row per case from the case snapshots of
 * {@code case-events.v1}, one per dispatch, one per department a whistle summons (from {@code
 * dispatch-events.v1}). Each event is applied once, in one transaction with the record that it was
 * (table {@code evaluation_processed_event}); the triggers of V16 roll every change of a fact up
 * into {@code indicator_days} in the same transaction.
 *
 * <p>Whether a step was left on time is judged here, once: when a snapshot's status differs from
 * the one kept, the step the case was in has been left at the event's time, and it was late if that
 * is after the deadline the previous snapshot carried (only steps charged when late count).
 */
@ApplicationScoped
public class EvaluationFacts {

    private static final String CHARGED_STEPS =
            Arrays.stream(Step.values())
                    .filter(Step::chargedWhenLate)
                    .map(Step::name)
                    .reduce((a, b) -> a + "," + b)
                    .map(steps -> "'{" + steps + "}'")
                    .orElseThrow();

    /**
     * The event's values, typed once, as {@code e}: every statement on a case event starts with it.
     */
    private static final String EVENT =
            """
            with e as (select $1::uuid as case_id, $2::text as status, $3::text as step, $4::timestamptz as step_due_at,
                              $5::text as grid_code, $6::text as department, $7::text as category, $8::text as source,
                              $9::timestamptz as at, $10::text as staff, $11::text as role, $12::int as count,
                              $13::timestamptz as reported_at, $14::uuid as event_id)
            """;

    /** Whether the step kept in the row was left late by this event. */
    private static final String LEFT_LATE =
            "coalesce(f.status <> e.status and f.step = any("
                    + CHARGED_STEPS
                    + "::text[]) and e.at > f.step_due_at, false)";

    private static final String CHECKED =
            "checks = f.checks + 1, checks_on_time = f.checks_on_time + (not "
                    + LEFT_LATE
                    + ")::int, checked_at = e.at, checked_by = e.staff, checked_role = e.role";

    /**
     * What each case event adds to the snapshot's columns (e.count: the event's count or score).
     */
    private static final Map<String, String> CASE_FACTS =
            Map.ofEntries(
                    Map.entry(
                            CaseTypes.REPORTED.name(),
                            "reported_at = e.reported_at, reporter_id = e.staff, reporter_role = e.role"),
                    Map.entry(
                            CaseTypes.VERIFIED.name(),
                            "verified_at = e.at, verified_on_time = not "
                                    + LEFT_LATE
                                    + ", verified_by = e.staff, verified_role = e.role"),
                    Map.entry(
                            CaseTypes.ACCEPTED.name(),
                            "accepted_at = e.at, accepted_on_time = not "
                                    + LEFT_LATE
                                    + ", accepted_by = e.staff, accepted_role = e.role, decided_at = e.at, valid = true"),
                    Map.entry(CaseTypes.REJECTED.name(), "decided_at = e.at, valid = false"),
                    Map.entry(CaseTypes.MERGED.name(), "decided_at = e.at, valid = false"),
                    Map.entry(CaseTypes.HANDLED_IN_GRID.name(), "handler_kind = 'GRID'"),
                    Map.entry(CaseTypes.HANDLING.name(), "handler_kind = 'DEPARTMENT'"),
                    Map.entry(CaseTypes.SENT_BACK.name(), "send_backs = e.count"),
                    Map.entry(
                            CaseTypes.RESULT_SUBMITTED.name(),
                            "handled_at = coalesce(f.handled_at, e.at),"
                                    + " handled_on_time = coalesce(f.handled_on_time, not "
                                    + LEFT_LATE
                                    + ")"),
                    Map.entry(CaseTypes.REWORK.name(), CHECKED + ", reworks = e.count"),
                    Map.entry(
                            CaseTypes.CLOSED.name(),
                            CHECKED
                                    + ", closed_at = e.at, closed_on_time = f.late_steps + ("
                                    + LEFT_LATE
                                    + ")::int = 0"),
                    // Reported again after closing: not closed any more, and its rework (返工) counts
                    // for the grid, department, category and source it was closed under once it
                    // closes again (the cohort measures count closed cases).
                    Map.entry(
                            CaseTypes.REOPENED.name(),
                            "closed_at = null, closed_on_time = null, reworks = e.count"),
                    Map.entry(
                            CaseTypes.EVALUATED.name(),
                            "evaluated_at = e.at, satisfaction = e.count"));

    private static final String UPDATE =
            EVENT
                    + """
            update case_facts f set status = e.status, step = e.step, step_due_at = e.step_due_at,
                   grid_code = e.grid_code, department = e.department, category = e.category, source = e.source,
                   late_steps = f.late_steps + (%s)::int%s
            from e where f.case_id = e.case_id""";

    /**
     * A dispatch: the one it replaces without a send-back was re-dispatched (改派); judged against
     * the step's deadline.
     */
    private static final String DISPATCH =
            EVENT
                    + """
            , replaced as (update dispatch_facts d set redispatched = true from e
                           where d.case_id = e.case_id and not d.sent_back and not d.redispatched)
            insert into dispatch_facts (event_id, case_id, dispatched_at, department, on_time, dispatched_by,
                                        dispatcher_role, grid_code, category, source)
            select e.event_id, e.case_id, e.at, e.department, not %s, e.staff, e.role, e.grid_code, e.category, e.source
            from e join case_facts f on f.case_id = e.case_id
            on conflict do nothing"""
                            .formatted(LEFT_LATE);

    private static final String SENT_BACK =
            """
            update dispatch_facts set sent_back = true
            where event_id = (select event_id from dispatch_facts where case_id = $1 order by dispatched_at desc limit 1)""";

    private final Pool pool;
    private final ObjectMapper json;

    public EvaluationFacts(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Applies an event of either topic once; events that say nothing the indicators count are only
     * recorded.
     */
    public Uni<Void> apply(CloudEvent event) {
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery(
                                        "insert into evaluation_processed_event (event_id) values ($1) on conflict do nothing")
                                .execute(Tuple.of(event.id()))
                                .chain(
                                        inserted ->
                                                inserted.rowCount() == 0
                                                        ? Uni.createFrom().voidItem()
                                                        : effect(connection, event)));
    }

    private Uni<Void> effect(SqlConnection connection, CloudEvent event) {
        try {
            if (CaseTypes.carriesSnapshot(event.type())) {
                return caseEvent(connection, event);
            }
            if (DispatchTypes.WHISTLE_BLOWN.is(event.type())) {
                var whistle = event.dataAs(DispatchTypes.WHISTLE_BLOWN, json);
                if (whistle.reportBy() == null || whistle.departments() == null) {
                    return Uni.createFrom().voidItem(); // with no time set, no one can be late
                }
                return connection
                        .preparedQuery(
                                """
                                insert into whistle_facts (whistle_id, department, case_id, report_by, grid_code)
                                select $1, d, $2, $3, (select grid_code from case_facts where case_id = $2)
                                from unnest($4::text[]) d on conflict do nothing""")
                        .execute(
                                Tuple.of(
                                        whistle.whistleId(),
                                        whistle.caseId(),
                                        moment(whistle.reportBy()),
                                        whistle.departments().toArray(String[]::new)))
                        .replaceWithVoid();
            }
            if (DispatchTypes.REPORTED_FOR_DUTY.is(event.type())) {
                var duty = event.dataAs(DispatchTypes.REPORTED_FOR_DUTY, json);
                if (!duty.arrived() || duty.at() == null) {
                    return Uni.createFrom().voidItem();
                }
                return connection
                        .preparedQuery(
                                """
                                update whistle_facts set reported_at = $3, reported_by = $4
                                where whistle_id = $1 and department = $2 and reported_at is null""")
                        .execute(
                                Tuple.of(
                                        duty.whistleId(),
                                        duty.departmentCode(),
                                        moment(duty.at()),
                                        duty.staffId()))
                        .replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        } catch (Exception unreadable) {
            // Retrying cannot make its data readable: parked at once, it holds back its case alone.
            return Uni.createFrom()
                    .failure(
                            new UnusableEvent(
                                    "the read model cannot read the data of "
                                            + event.type()
                                            + " "
                                            + event.id(),
                                    unreadable));
        }
    }

    private Uni<Void> caseEvent(SqlConnection connection, CloudEvent event) throws Exception {
        var snapshot = json.treeToValue(event.data(), CaseSnapshot.class);
        if (snapshot.caseId() == null) {
            throw new IllegalArgumentException("the snapshot names no case");
        }
        var data = event.data();
        var actor = snapshot.actor();
        var count =
                data.has("satisfaction")
                        ? data.path("satisfaction").asInt()
                        : data.has("reworkCount")
                                ? data.path("reworkCount").asInt()
                                : data.path("sendBackCount").asInt();
        var reportedAt =
                data.hasNonNull("reportedAt")
                        ? Instant.parse(data.path("reportedAt").asText())
                        : event.time();
        var values =
                Tuple.from(
                        new Object[] {
                            snapshot.caseId(),
                            snapshot.status(),
                            snapshot.step(),
                            moment(snapshot.stepDueAt()),
                            snapshot.gridCode(),
                            snapshot.handlerDepartment(),
                            snapshot.category(),
                            snapshot.source(),
                            moment(event.time()),
                            actor == null ? null : actor.staffId(),
                            actor == null ? null : actor.role(),
                            count,
                            moment(reportedAt),
                            UUID.fromString(event.id())
                        });
        // A type the read model counts nothing of (one added later, too) still brings the snapshot
        // up to date.
        var facts = CASE_FACTS.containsKey(event.type()) ? ", " + CASE_FACTS.get(event.type()) : "";
        var before =
                connection
                        .preparedQuery(
                                "insert into case_facts (case_id) values ($1) on conflict do nothing")
                        .execute(Tuple.of(snapshot.caseId()))
                        .replaceWithVoid();
        if (CaseTypes.DISPATCHED.is(event.type())) {
            before =
                    before.chain(
                            () ->
                                    connection
                                            .preparedQuery(DISPATCH)
                                            .execute(values)
                                            .replaceWithVoid());
        } else if (CaseTypes.SENT_BACK.is(event.type())) {
            before =
                    before.chain(
                            () ->
                                    connection
                                            .preparedQuery(SENT_BACK)
                                            .execute(Tuple.of(snapshot.caseId()))
                                            .replaceWithVoid());
        }
        var update = UPDATE.formatted(LEFT_LATE, facts);
        return before.chain(() -> connection.preparedQuery(update).execute(values))
                .replaceWithVoid();
    }

    private static OffsetDateTime moment(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
