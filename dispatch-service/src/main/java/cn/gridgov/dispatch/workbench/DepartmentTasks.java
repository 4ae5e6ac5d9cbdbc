package cn.gridgov.dispatch.workbench;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.command.StepClock;
import cn.gridgov.dispatch.routing.Csv;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One department's work, as its staff see it on the workbench (部门工作台): cases routed to it and
 * waiting for its acceptance, open cases it leads, open cases it co-handles, and open whistles that
 * summoned it and that it has not yet answered (a case only while case-service's snapshot says it
 * is open). Each with its clock: a case's current step (the supervision timer), a whistle's
 * report-by time (yellow from 80% of the time given, as a step's). A decision not yet accepted is
 * listed only while case-service's snapshot says the case is still at the dispatch steps (the rule
 * that refuses an acceptance after, 409 CASE_MOVED_ON). Two queries over dispatch's own tables; the
 * department is the caller's, never a parameter.
 */
@ApplicationScoped
public class DepartmentTasks {

    /** How a case concerns the department. */
    public enum Role {
        AWAITING_ACCEPTANCE,
        LEAD,
        CO_HANDLING
    }

    public record CaseTask(
            Role role,
            UUID caseId,
            String caseNumber,
            String category,
            String gridCode,
            String status,
            String leadDepartmentCode,
            String leadDepartmentName,
            List<String> coHandlers,
            String reason,
            int sendBackCount,
            Instant decidedAt,
            String acceptedBy,
            Instant acceptedAt,
            Double longitude,
            Double latitude,
            String step,
            Instant stepWarnAt,
            Instant stepDueAt,
            StepClock clock) {}

    public record WhistleTask(
            UUID whistleId,
            UUID caseId,
            String caseNumber,
            String category,
            String gridCode,
            String kind,
            String blownBy,
            Instant blownAt,
            Instant reportBy,
            int escalationLevel,
            Double longitude,
            Double latitude,
            StepClock clock) {}

    public record Tasks(Instant asOf, List<CaseTask> cases, List<WhistleTask> whistles) {}

    private static final double WARN_SHARE = 0.8;

    private final Pool pool;
    private final Clock clock;

    public DepartmentTasks(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Tasks> of(String departmentCode) {
        var casesQuery =
                pool.preparedQuery(
                                """
                        select d.case_id, d.case_number, d.category, d.grid_code, d.department_code, d.department_name,
                               d.co_handlers, d.reason, d.send_back_count, d.decided_at, d.state, d.accepted_by,
                               d.accepted_at, c.status, c.longitude, c.latitude, coalesce(t.step, c.step) as step,
                               coalesce(t.warn_at, c.step_warn_at) as warn_at, coalesce(t.due_at, c.step_due_at) as due_at
                        from routing_decision d
                        left join case_file c on c.case_id = d.case_id
                        left join sla_timer t on t.case_id = d.case_id and t.open
                        where d.mode = 'DEPARTMENT'
                          and (d.department_code = $1 or $1 = any(string_to_array(d.co_handlers, ',')))
                          and coalesce(c.open, true)
                          and (d.state <> 'ROUTED' or c.status is null or c.status = any($2))
                        order by coalesce(t.due_at, c.step_due_at) nulls last, d.decided_at
                        limit 500""")
                        .execute(
                                Tuple.of(
                                        departmentCode,
                                        DispatchPolicy.AT_DISPATCH_STATUSES.toArray(
                                                String[]::new)));
        var whistlesQuery =
                pool.preparedQuery(
                                """
                        select w.id, w.case_id, c.number, c.category, c.grid_code, w.kind, w.blown_by, w.blown_at,
                               w.report_by, s.escalation_level, c.longitude, c.latitude
                        from whistle_summons s
                        join whistle w on w.id = s.whistle_id
                        left join case_file c on c.case_id = w.case_id
                        where s.department_code = $1 and not s.arrived and w.state = 'OPEN'
                        order by w.report_by
                        limit 500""")
                        .execute(Tuple.of(departmentCode));
        return Uni.combine()
                .all()
                .unis(casesQuery, whistlesQuery)
                .asTuple()
                .map(
                        both -> {
                            var now = clock.instant();
                            return new Tasks(
                                    now,
                                    cases(both.getItem1(), departmentCode, now),
                                    whistles(both.getItem2(), now));
                        });
    }

    private static List<CaseTask> cases(RowSet<Row> rows, String departmentCode, Instant now) {
        var list = new ArrayList<CaseTask>();
        for (Row row : rows) {
            var lead = row.getString("department_code");
            Role role;
            if (!departmentCode.equals(lead)) {
                role = Role.CO_HANDLING;
            } else if ("ROUTED".equals(row.getString("state"))) {
                role = Role.AWAITING_ACCEPTANCE;
            } else {
                role = Role.LEAD;
            }
            var warnAt = instant(row, "warn_at");
            var dueAt = instant(row, "due_at");
            list.add(
                    new CaseTask(
                            role,
                            row.getUUID("case_id"),
                            row.getString("case_number"),
                            row.getString("category"),
                            row.getString("grid_code"),
                            row.getString("status"),
                            lead,
                            row.getString("department_name"),
                            Csv.split(row.getString("co_handlers")),
                            row.getString("reason"),
                            row.getInteger("send_back_count"),
                            instant(row, "decided_at"),
                            row.getString("accepted_by"),
                            instant(row, "accepted_at"),
                            row.getDouble("longitude"),
                            row.getDouble("latitude"),
                            row.getString("step"),
                            warnAt,
                            dueAt,
                            StepClock.at(now, warnAt, dueAt)));
        }
        return list;
    }

    private static List<WhistleTask> whistles(RowSet<Row> rows, Instant now) {
        var list = new ArrayList<WhistleTask>();
        for (Row row : rows) {
            var blownAt = instant(row, "blown_at");
            var reportBy = instant(row, "report_by");
            var warnAt =
                    blownAt.plus(
                            Duration.ofMillis(
                                    (long)
                                            (Duration.between(blownAt, reportBy).toMillis()
                                                    * WARN_SHARE)));
            list.add(
                    new WhistleTask(
                            row.getUUID("id"),
                            row.getUUID("case_id"),
                            row.getString("number"),
                            row.getString("category"),
                            row.getString("grid_code"),
                            row.getString("kind"),
                            row.getString("blown_by"),
                            blownAt,
                            reportBy,
                            row.getInteger("escalation_level"),
                            row.getDouble("longitude"),
                            row.getDouble("latitude"),
                            StepClock.at(now, warnAt, reportBy)));
        }
        return list;
    }
}
