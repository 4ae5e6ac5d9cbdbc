package cn.gridgov.dispatch.command;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;

import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.routing.Csv;
import cn.gridgov.dispatch.routing.RoutingMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What waits for a dispatcher: cases the rules left to the command center, and cases sent back and
 * routed again, until their lead accepts or case-service's snapshot says the case has left the
 * dispatch steps (handled, parked, closed, rejected, merged…: nothing is left to dispatch; the same
 * rule that refuses the dispatch commands, {@link DispatchPolicy#stillDispatching}). Each with
 * where the case is and its step's clock, so the console can put it on the map and colour it: one
 * query over the decision, the case file and the timer rather than three lookups per case.
 */
@ApplicationScoped
public class DispatchQueue {

    public record Queued(
            UUID caseId,
            String caseNumber,
            String category,
            String gridCode,
            RoutingMode mode,
            String departmentCode,
            String departmentName,
            List<String> coHandlers,
            String ruleId,
            String reason,
            String overriddenBy,
            int sendBackCount,
            Instant decidedAt,
            Double longitude,
            Double latitude,
            String step,
            Instant stepWarnAt,
            Instant stepDueAt,
            StepClock clock) {}

    private final Pool pool;
    private final Clock clock;

    public DispatchQueue(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<List<Queued>> list() {
        return pool.preparedQuery(
                        """
                        select d.case_id, d.case_number, d.category, d.grid_code, d.mode, d.department_code,
                               d.department_name, d.co_handlers, d.rule_id, d.reason, d.overridden_by,
                               d.send_back_count, d.decided_at, c.longitude, c.latitude, c.step, t.warn_at, t.due_at
                        from routing_decision d
                        left join case_file c on c.case_id = d.case_id
                        left join sla_timer t on t.case_id = d.case_id and t.open
                        where d.state = 'ROUTED' and (d.mode = 'MANUAL' or d.send_back_count > 0)
                          and (c.status is null or c.status = any($1))
                        order by d.decided_at""")
                .execute(Tuple.of(DispatchPolicy.AT_DISPATCH_STATUSES.toArray(String[]::new)))
                .map(
                        rows -> {
                            var now = clock.instant();
                            var queue = new ArrayList<Queued>();
                            for (Row row : rows) {
                                var warnAt = instant(row, "warn_at");
                                var dueAt = instant(row, "due_at");
                                queue.add(
                                        new Queued(
                                                row.getUUID("case_id"),
                                                row.getString("case_number"),
                                                row.getString("category"),
                                                row.getString("grid_code"),
                                                RoutingMode.valueOf(row.getString("mode")),
                                                row.getString("department_code"),
                                                row.getString("department_name"),
                                                Csv.split(row.getString("co_handlers")),
                                                row.getString("rule_id"),
                                                row.getString("reason"),
                                                row.getString("overridden_by"),
                                                row.getInteger("send_back_count"),
                                                instant(row, "decided_at"),
                                                row.getDouble("longitude"),
                                                row.getDouble("latitude"),
                                                row.getString("step"),
                                                warnAt,
                                                dueAt,
                                                StepClock.at(now, warnAt, dueAt)));
                            }
                            return queue;
                        });
    }
}
