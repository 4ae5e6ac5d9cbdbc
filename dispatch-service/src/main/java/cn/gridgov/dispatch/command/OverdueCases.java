package cn.gridgov.dispatch.command;

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

/**
 * The red cases: open, with the current step past its due time; located, so the console can put
 * them on its map.
 */
@ApplicationScoped
public class OverdueCases {

    public record Overdue(
            UUID caseId,
            String number,
            String category,
            String gridCode,
            String step,
            Instant dueAt,
            long overdueMinutes,
            int supervisionLevel,
            String departmentCode,
            Double longitude,
            Double latitude) {}

    private final Pool pool;
    private final Clock clock;

    public OverdueCases(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<List<Overdue>> list() {
        var now = clock.instant();
        return pool.preparedQuery(
                        """
                        select t.case_id, c.number, c.category, c.grid_code, t.step, t.due_at, t.red_level,
                               d.department_code, c.longitude, c.latitude
                        from sla_timer t
                        left join case_file c on c.case_id = t.case_id
                        left join routing_decision d on d.case_id = t.case_id
                        where t.open and t.due_at <= $1
                        order by t.due_at
                        limit 500""")
                .execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(
                        rows -> {
                            var list = new ArrayList<Overdue>();
                            for (Row row : rows) {
                                var due = row.getOffsetDateTime("due_at").toInstant();
                                list.add(
                                        new Overdue(
                                                row.getUUID("case_id"),
                                                row.getString("number"),
                                                row.getString("category"),
                                                row.getString("grid_code"),
                                                row.getString("step"),
                                                due,
                                                Duration.between(due, now).toMinutes(),
                                                row.getInteger("red_level"),
                                                row.getString("department_code"),
                                                row.getDouble("longitude"),
                                                row.getDouble("latitude")));
                            }
                            return list;
                        });
    }
}
