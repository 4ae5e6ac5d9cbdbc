package cn.gridgov.dispatch.forecast;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;

import cn.gridgov.dispatch.casefile.CaseRefs;
import cn.gridgov.kit.problem.Problem;
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
import java.util.List;
import java.util.UUID;

/**
 * When will each open case's current step end, and is it likely to miss its deadline? Learnt from
 * the history of the steps cases have left ({@code step_outcome}, {@link StepOutcomes}) of the same
 * category, handler department and step, or, where those are too few, of the same category and
 * step.
 *
 * <p>The history is compared as shares of the time allowed (time taken ÷ time from the step's start
 * to its deadline), so urgent and normal cases, and steps of different limits, speak for each
 * other. Only the steps that were still running at the share this case has already used count (a
 * case halfway through is compared with the steps that took more than half): the forecast sharpens
 * as the case ages. Among those, the share that missed their deadline is the case's risk ({@code
 * lateShare}), and their median share gives the predicted finish. A case is at risk when the risk
 * reaches {@code gridgov.forecast.risk-share} (half, by default): most steps like it, still running
 * at this point, ended late. That can be said from the step's start, long before it turns yellow.
 */
@ApplicationScoped
public class FinishForecast {

    /** Which history the forecast stands on. */
    public enum Basis {
        CATEGORY_DEPARTMENT_STEP,
        CATEGORY_STEP,
        NONE
    }

    public record Forecast(
            UUID caseId,
            String number,
            String category,
            String departmentCode,
            String gridCode,
            String step,
            Instant stepStartedAt,
            Instant stepWarnAt,
            Instant stepDueAt,
            Instant predictedFinishAt,
            Double lateShare,
            long samples,
            Basis basis,
            boolean atRisk) {}

    private static final String FORECAST =
            """
            with open_steps as (
                select f.case_id, f.number, f.category, coalesce(f.handler_department, '') as department, f.grid_code,
                       f.step, f.step_started_at, f.step_warn_at, f.step_due_at,
                       extract(epoch from $1::timestamptz - f.step_started_at)
                           / extract(epoch from f.step_due_at - f.step_started_at) as elapsed
                from case_file f
                where f.open is not false and f.step is not null and f.category is not null
                  and f.step_due_at > f.step_started_at and %s)
            select o.*, d.samples as d_samples, d.late as d_late, d.median as d_median,
                   c.samples as c_samples, c.late as c_late, c.median as c_median
            from open_steps o
            cross join lateral (
                select count(*) as samples, avg((h.share > 1)::int) as late,
                       percentile_cont(0.5) within group (order by h.share) as median
                from step_outcome h
                where h.category = o.category and h.step = o.step and h.department = o.department
                  and h.ended_at >= $2 and h.share > o.elapsed) d
            cross join lateral (
                select count(*) as samples, avg((h.share > 1)::int) as late,
                       percentile_cont(0.5) within group (order by h.share) as median
                from step_outcome h
                where h.category = o.category and h.step = o.step
                  and h.ended_at >= $2 and h.share > o.elapsed) c""";

    /** The open cases whose current step is not yet overdue. */
    private static final String NOT_YET_DUE = FORECAST.formatted("f.step_due_at > $1");

    private static final String ONE_CASE = FORECAST.formatted("f.case_id = $3");
    private static final String NO_STEP =
            "select number, category, handler_department, grid_code from case_file where case_id = $1";

    private final Pool pool;
    private final Clock clock;
    private final ForecastConfig config;

    public FinishForecast(Pool pool, Clock clock, ForecastConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The cases at risk of missing their current step's deadline, not yet overdue, the soonest due
     * first.
     */
    public Uni<List<Forecast>> atRisk() {
        var now = clock.instant();
        return pool.preparedQuery(NOT_YET_DUE)
                .execute(Tuple.of(at(now), at(now.minus(config.history()))))
                .map(
                        rows -> {
                            var list = new ArrayList<Forecast>();
                            for (Row row : rows) {
                                var forecast = read(row);
                                if (forecast.atRisk()) {
                                    list.add(forecast);
                                }
                            }
                            list.sort(
                                    Comparator.comparing(Forecast::stepDueAt)
                                            .thenComparing(
                                                    Forecast::number,
                                                    Comparator.nullsLast(
                                                            Comparator.naturalOrder())));
                            return list;
                        });
    }

    /**
     * The forecast of one case's current step; with no prediction (basis {@code NONE}) when the
     * case is not open or no step's clock runs; 404 {@code CASE_NOT_FOUND} for a case no file
     * names.
     */
    public Uni<Forecast> of(UUID caseId) {
        var now = clock.instant();
        return pool.preparedQuery(ONE_CASE)
                .execute(Tuple.of(at(now), at(now.minus(config.history())), caseId))
                .chain(
                        rows ->
                                rows.size() > 0
                                        ? Uni.createFrom().item(read(rows.iterator().next()))
                                        : pool.preparedQuery(NO_STEP)
                                                .execute(Tuple.of(caseId))
                                                .map(
                                                        files -> {
                                                            if (files.size() == 0) {
                                                                throw Problem.notFound(
                                                                        CaseRefs.CASE_NOT_FOUND,
                                                                        "caseRef",
                                                                        "no case "
                                                                                + caseId
                                                                                + " is known here");
                                                            }
                                                            var file = files.iterator().next();
                                                            return new Forecast(
                                                                    caseId,
                                                                    file.getString("number"),
                                                                    file.getString("category"),
                                                                    file.getString(
                                                                            "handler_department"),
                                                                    file.getString("grid_code"),
                                                                    null,
                                                                    null,
                                                                    null,
                                                                    null,
                                                                    null,
                                                                    null,
                                                                    0,
                                                                    Basis.NONE,
                                                                    false);
                                                        }));
    }

    private Forecast read(Row row) {
        var started = instant(row, "step_started_at");
        var due = instant(row, "step_due_at");
        long samples;
        Double late;
        Double median;
        Basis basis;
        if (row.getLong("d_samples") >= config.minSamples()) {
            basis = Basis.CATEGORY_DEPARTMENT_STEP;
            samples = row.getLong("d_samples");
            late = number(row, "d_late");
            median = number(row, "d_median");
        } else if (row.getLong("c_samples") >= config.minSamples()) {
            basis = Basis.CATEGORY_STEP;
            samples = row.getLong("c_samples");
            late = number(row, "c_late");
            median = number(row, "c_median");
        } else {
            basis = Basis.NONE;
            samples = 0;
            late = null;
            median = null;
        }
        var predicted =
                median == null
                        ? null
                        : started.plusMillis(
                                Math.round(Duration.between(started, due).toMillis() * median));
        var department = row.getString("department");
        return new Forecast(
                row.getUUID("case_id"),
                row.getString("number"),
                row.getString("category"),
                department.isEmpty() ? null : department,
                row.getString("grid_code"),
                row.getString("step"),
                started,
                instant(row, "step_warn_at"),
                due,
                predicted,
                late,
                samples,
                basis,
                late != null && late >= config.riskShare());
    }

    private static Double number(Row row, String column) {
        var value = row.getValue(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
