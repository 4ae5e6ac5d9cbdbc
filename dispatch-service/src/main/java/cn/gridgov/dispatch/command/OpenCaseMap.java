package cn.gridgov.dispatch.command;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;

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
 * Every open case as this service last saw it, for the console's map: where it is, its grid and its
 * step's clock, so the page can put markers, heat and each grid's open and overdue counts on the
 * map from one read. Cases not yet located are listed too (they count for their grid, without a
 * marker).
 */
@ApplicationScoped
public class OpenCaseMap {

    /**
     * More open cases than a district ever holds at once; past it the map says it shows only part.
     */
    static final int LIMIT = 20_000;

    public record MapCase(
            UUID caseId,
            String number,
            String category,
            String gridCode,
            String step,
            StepClock clock,
            String departmentCode,
            Double longitude,
            Double latitude) {}

    public record OpenCases(Instant asOf, boolean truncated, List<MapCase> cases) {}

    private final Pool pool;
    private final Clock clock;

    public OpenCaseMap(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<OpenCases> list() {
        var now = clock.instant();
        return pool.preparedQuery(
                        """
                        select c.case_id, c.number, c.category, c.grid_code, c.step, c.step_warn_at, c.step_due_at,
                               d.department_code, c.longitude, c.latitude
                        from case_file c
                        left join routing_decision d on d.case_id = c.case_id
                        where c.open
                        order by c.case_id
                        limit $1""")
                .execute(Tuple.of(LIMIT + 1))
                .map(
                        rows -> {
                            var cases = new ArrayList<MapCase>();
                            for (Row row : rows) {
                                if (cases.size() == LIMIT) {
                                    return new OpenCases(now, true, cases);
                                }
                                cases.add(
                                        new MapCase(
                                                row.getUUID("case_id"),
                                                row.getString("number"),
                                                row.getString("category"),
                                                row.getString("grid_code"),
                                                row.getString("step"),
                                                StepClock.at(
                                                        now,
                                                        instant(row, "step_warn_at"),
                                                        instant(row, "step_due_at")),
                                                row.getString("department_code"),
                                                row.getDouble("longitude"),
                                                row.getDouble("latitude")));
                            }
                            return new OpenCases(now, false, cases);
                        });
    }
}
