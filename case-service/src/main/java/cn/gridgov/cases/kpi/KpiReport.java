package cn.gridgov.cases.kpi;

import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * 考核评价: the indicators of every grid or department for a period, computed from the cases as
 * recorded. Closure indicators count cases closed in the period; answering counts cases reported in it
 * and answered: accepted, or ended without being handled (rejected or merged: not open, never closed).
 */
@ApplicationScoped
public class KpiReport {

    /** What the figures are grouped by. */
    public enum Unit {
        GRID("coalesce(grid_code, '(not located)')", "coalesce(c.grid_code, '(not located)')"),
        DEPARTMENT("coalesce(routed_department, '(not routed)')", "t.actor_department");

        /** The unit of a case. */
        private final String column;
        /** The unit of a dispatch: the case's grid, or the department it was sent to. */
        private final String dispatchColumn;

        Unit(String column, String dispatchColumn) {
            this.column = column;
            this.dispatchColumn = dispatchColumn;
        }
    }

    /**
     * Cases reported or closed in the period, by unit; and every dispatch made in the period (a
     * DISPATCHED or REDISPATCHED timeline entry, whose department is the one the case was sent to),
     * counted accurate unless the department it was sent to sent it back: a send-back is charged to
     * the department that made it, by department, and to the case's grid, by grid.
     */
    private static final String QUERY = """
            with by_case as (
                select %1$s as unit,
                       count(*) filter (where reported_at >= :from and reported_at < :to) as reported,
                       count(*) filter (where reported_at >= :from and reported_at < :to
                                          and (accepted_at is not null or (not is_open and closed_at is null))) as answered,
                       count(*) filter (where closed) as closed,
                       count(*) filter (where closed and overdue_steps = 0) as closed_on_time,
                       count(*) filter (where closed and rework_count > 0) as reworked,
                       count(*) filter (where closed and handler_kind = 'GRID') as solved_in_grid,
                       count(satisfaction) filter (where closed) as evaluated,
                       count(*) filter (where closed and satisfaction >= 4) as satisfied,
                       avg(satisfaction) filter (where closed) as average_satisfaction
                from (select *, (closed_at >= :from and closed_at < :to) as closed from cases
                      where (closed_at >= :from and closed_at < :to) or (reported_at >= :from and reported_at < :to)) period
                group by 1),
            by_dispatch as (
                select %2$s as unit, count(*) as dispatched,
                       count(*) filter (where next.action is distinct from 'SENT_BACK'
                                          or next.actor_department is distinct from t.actor_department) as accurate
                from case_timeline t
                join cases c on c.id = t.case_id
                left join lateral (select n.action, n.actor_department from case_timeline n
                                   where n.case_id = t.case_id and n.seq > t.seq
                                     and n.action in ('DISPATCHED', 'REDISPATCHED', 'SENT_BACK', 'HANDLED_IN_GRID')
                                   order by n.seq limit 1) next on true
                where t.action in ('DISPATCHED', 'REDISPATCHED') and t.at >= :from and t.at < :to
                group by 1)
            select coalesce(k.unit, d.unit), coalesce(k.reported, 0), coalesce(k.answered, 0), coalesce(k.closed, 0),
                   coalesce(k.closed_on_time, 0), coalesce(k.reworked, 0), coalesce(k.solved_in_grid, 0),
                   coalesce(d.dispatched, 0), coalesce(d.accurate, 0), coalesce(k.evaluated, 0),
                   coalesce(k.satisfied, 0), k.average_satisfaction
            from by_case k full join by_dispatch d on d.unit = k.unit""";

    public Uni<List<Indicators>> of(Unit unit, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new Problem(Problem.Kind.INVALID, "PERIOD_EMPTY", "to", "the period must end after it starts");
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(QUERY.formatted(unit.column, unit.dispatchColumn), Object[].class)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList()))
                .map(rows -> rows.stream().map(KpiReport::indicators)
                        // Ranked as the Monday meeting reads them: on-time closure first, then satisfaction.
                        .sorted(Comparator.comparing(Indicators::onTimeClosureRate, Comparator.nullsLast(Comparator.reverseOrder()))
                                .thenComparing(Indicators::satisfactionRate, Comparator.nullsLast(Comparator.reverseOrder()))
                                .thenComparing(Indicators::unit))
                        .toList());
    }

    private static Indicators indicators(Object[] row) {
        return new Indicators((String) row[0], count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                count(row[5]), count(row[6]), count(row[7]), count(row[8]), count(row[9]), count(row[10]),
                row[11] == null ? null : Math.round(((Number) row[11]).doubleValue() * 100) / 100.0);
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
