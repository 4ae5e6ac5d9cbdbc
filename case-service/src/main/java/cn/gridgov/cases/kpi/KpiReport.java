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
        GRID("coalesce(grid_code, '(not located)')"),
        DEPARTMENT("coalesce(routed_department, '(not routed)')");

        private final String column;

        Unit(String column) {
            this.column = column;
        }
    }

    private static final String QUERY = """
            select %1$s as unit,
                   count(*) filter (where reported_at >= :from and reported_at < :to),
                   count(*) filter (where reported_at >= :from and reported_at < :to
                                      and (accepted_at is not null or (not is_open and closed_at is null))),
                   count(*) filter (where closed),
                   count(*) filter (where closed and overdue_steps = 0),
                   count(*) filter (where closed and rework_count > 0),
                   count(*) filter (where closed and handler_kind = 'GRID'),
                   count(*) filter (where closed and handler_kind = 'DEPARTMENT'),
                   count(*) filter (where closed and handler_kind = 'DEPARTMENT' and send_back_count = 0),
                   count(satisfaction) filter (where closed),
                   count(*) filter (where closed and satisfaction >= 4),
                   avg(satisfaction) filter (where closed)
            from (select *, (closed_at >= :from and closed_at < :to) as closed from cases
                  where (closed_at >= :from and closed_at < :to) or (reported_at >= :from and reported_at < :to)) period
            group by 1""";

    public Uni<List<Indicators>> of(Unit unit, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new Problem(Problem.Kind.INVALID, "PERIOD_EMPTY", "to", "the period must end after it starts");
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(QUERY.formatted(unit.column), Object[].class)
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
