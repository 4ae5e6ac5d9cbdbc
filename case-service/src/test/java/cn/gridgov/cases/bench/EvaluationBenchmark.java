package cn.gridgov.cases.bench;

import cn.gridgov.cases.evaluation.IndicatorDays;
import cn.gridgov.cases.evaluation.ScoreScheme;
import cn.gridgov.cases.evaluation.UnitCounts;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 考核评价 at city scale: a month's full indicator report for the district and for every one of its
 * 12,000 grids, read from the read model (the service's own {@link IndicatorDays}, then scored and
 * graded as the service does), timed beside a plain SQL scan of the same cases in the {@code cases}
 * table computing the same kind of figures, in the same run. Run on demand: {@code ./mvnw -pl
 * case-service -am test -Pbench -Dtest=EvaluationBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Its database is {@code bench.evaluation.db} (default {@code cases_evaluation_bench}), created
 * once by a superuser with PostGIS (see the README); the schema comes from the service's
 * migrations. The cases are made once, set-based in SQL, and kept ({@code
 * -Dbench.evaluation.refill=true} makes them again): {@code bench.evaluation.cases} (default
 * 10,000,000) spread over {@code bench.evaluation.days} (default 365), so that {@code
 * -Dbench.evaluation.cases=1000000 -Dbench.evaluation.days=36.5} gives the benchmark month as many
 * cases as a 10-million-a-year city's month, on a table a tenth of the size.
 */
class EvaluationBenchmark {

    private static final String HOST = System.getProperty("bench.evaluation.host", "127.0.0.1");
    private static final String DB =
            System.getProperty("bench.evaluation.db", "cases_evaluation_bench");
    private static final String USER = System.getProperty("bench.evaluation.user", "gridgov");
    private static final String PASSWORD =
            System.getProperty("bench.evaluation.password", "gridgov");
    private static final long CASES = Long.getLong("bench.evaluation.cases", 10_000_000L);
    private static final double DAYS =
            Double.parseDouble(System.getProperty("bench.evaluation.days", "365"));
    private static final int RUNS = Integer.getInteger("bench.evaluation.runs", 10);

    /** The benchmark month: the cases start on its first day (in the town's zone). */
    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);

    private static final LocalDate TO = FROM.plusMonths(1);

    public static void main(String[] args) throws Exception {
        new EvaluationBenchmark().aMonthForTheDistrictAndEveryGrid();
    }

    @Test
    void aMonthForTheDistrictAndEveryGrid() throws Exception {
        var url = "jdbc:postgresql://" + HOST + ":5432/" + DB;
        BenchSchema.migrate(url, USER, PASSWORD);
        fill(url);

        var vertx = Vertx.vertx();
        var connect =
                new PgConnectOptions()
                        .setHost(HOST)
                        .setPort(5432)
                        .setDatabase(DB)
                        .setUser(USER)
                        .setPassword(PASSWORD)
                        .setCachePreparedStatements(true)
                        .addProperty("plan_cache_mode", "force_generic_plan");
        var pool =
                io.vertx.mutiny.sqlclient.Pool.newInstance(
                        PgBuilder.pool()
                                .with(new PoolOptions().setMaxSize(2))
                                .connectingTo(connect)
                                .using(vertx)
                                .build());
        var days = new IndicatorDays(pool);
        var scheme =
                new ScoreScheme(
                        1,
                        "grid",
                        Map.of(
                                "onTimeClosureRate",
                                30,
                                "solvedInGridRate",
                                20,
                                "answeredRate",
                                15,
                                "onTimeVerificationRate",
                                15,
                                "onTimeCheckRate",
                                10,
                                "satisfactionRate",
                                10),
                        List.of(
                                new ScoreScheme.Band("A", 90, 100),
                                new ScoreScheme.Band("B", 75, 90),
                                new ScoreScheme.Band("C", 60, 75),
                                new ScoreScheme.Band("D", 40, 60),
                                new ScoreScheme.Band("E", 0, 40)),
                        "bench",
                        null);
        try (var connection = DriverManager.getConnection(url, USER, PASSWORD);
                var statement = connection.createStatement()) {
            long inMonth;
            try (var rows =
                    statement.executeQuery(
                            "select count(*) from case_facts where town_day(reported_at) >= '"
                                    + FROM
                                    + "' and town_day(reported_at) < '"
                                    + TO
                                    + "'")) {
                rows.next();
                inMonth = rows.getLong(1);
            }
            System.out.printf(
                    "%n== A month's report (%s to %s) for the district and every grid: %,d cases in the tables, %,d reported in the month ==%n",
                    FROM, TO, CASES, inMonth);
            var readModel = new double[RUNS];
            var scan = new double[RUNS];
            int grids = 0;
            for (int i = -2; i < RUNS; i++) {
                long start = System.nanoTime();
                var units = days.sum("GRID", FROM, TO, null).await().indefinitely();
                var total = UnitCounts.sum("district", units);
                var graded =
                        units.stream()
                                .map(u -> scheme.grade(scheme.score(u)))
                                .filter(g -> g != null)
                                .count();
                scheme.grade(scheme.score(total));
                double readModelMs = (System.nanoTime() - start) / 1e6;
                grids = units.size();
                start = System.nanoTime();
                int scanned = 0;
                try (var rows = statement.executeQuery(PLAIN_SCAN.formatted(FROM, TO))) {
                    while (rows.next()) {
                        scanned++;
                    }
                }
                double scanMs = (System.nanoTime() - start) / 1e6;
                if (i >= 0) {
                    readModel[i] = readModelMs;
                    scan[i] = scanMs;
                }
                if (i == 0) {
                    System.out.printf(
                            "  %,d grids in the report (%,d graded), %,d grids in the plain scan%n",
                            grids, graded, scanned);
                }
            }
            System.out.printf(
                    "  %-52s median %8.1f ms   max %8.1f ms%n",
                    "read model (roll-ups) + scores, grades",
                    median(readModel),
                    Arrays.stream(readModel).max().orElseThrow());
            System.out.printf(
                    "  %-52s median %8.1f ms   max %8.1f ms%n",
                    "plain SQL scan of cases",
                    median(scan),
                    Arrays.stream(scan).max().orElseThrow());
            try (var rows =
                    statement.executeQuery(
                            "explain (analyze, buffers) select unit, sum(reported), sum(closed) from indicator_months"
                                    + " where slice = 'GRID' and month >= '"
                                    + FROM
                                    + "' and month < '"
                                    + TO
                                    + "' group by unit")) {
                System.out.println("  plan of the read model's sum:");
                while (rows.next()) {
                    System.out.println("    " + rows.getString(1));
                }
            }
        } finally {
            vertx.close();
        }
    }

    private static double median(double[] times) {
        var sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * What the indicators were before the read model: one pass over the cases reported or closed in
     * the month, by grid.
     */
    private static final String PLAIN_SCAN =
            """
            select grid_code,
                   count(*) filter (where reported_at >= '%1$s'::date and reported_at < '%2$s'::date) as reported,
                   count(*) filter (where accepted_at is not null) as accepted,
                   count(*) filter (where closed_at >= '%1$s'::date and closed_at < '%2$s'::date) as closed,
                   count(*) filter (where closed_at >= '%1$s'::date and closed_at < '%2$s'::date and overdue_steps = 0) as on_time,
                   count(*) filter (where closed_at >= '%1$s'::date and closed_at < '%2$s'::date and rework_count > 0) as reworked,
                   count(*) filter (where handler_kind = 'GRID') as in_grid,
                   count(satisfaction), count(*) filter (where satisfaction >= 4)
            from cases
            where (reported_at >= '%1$s'::date and reported_at < '%2$s'::date) or (closed_at >= '%1$s'::date and closed_at < '%2$s'::date)
            group by grid_code""";

    private static void fill(String url) throws Exception {
        try (var connection = DriverManager.getConnection(url, USER, PASSWORD);
                var statement = connection.createStatement()) {
            long have;
            try (var rows = statement.executeQuery("select count(*) from case_facts")) {
                rows.next();
                have = rows.getLong(1);
            }
            if (have == CASES && !Boolean.getBoolean("bench.evaluation.refill")) {
                System.out.printf("%n%,d cases already in %s%n", have, DB);
                return;
            }
            System.out.printf("%nFilling %s with %,d cases over %.1f days…%n", DB, CASES, DAYS);
            statement.execute("set maintenance_work_mem = '512MB'");
            statement.execute("set work_mem = '256MB'");
            statement.execute(
                    "truncate case_facts, dispatch_facts, whistle_facts, indicator_days, cases cascade");
            // The roll-up is made once for all the facts below, as a rebuild does, not row by row.
            statement.execute("alter table case_facts disable trigger case_facts_rolled_up");
            statement.execute(
                    "alter table dispatch_facts disable trigger dispatch_facts_rolled_up");
            long start = System.nanoTime();
            statement.execute(FACTS.formatted(CASES, DAYS));
            System.out.printf(
                    "  case facts written in %.1f s%n", (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            statement.execute(DISPATCHES);
            System.out.printf(
                    "  dispatch facts written in %.1f s%n", (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            statement.execute(CASES_TABLE);
            System.out.printf(
                    "  the same cases written to cases in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            statement.execute(
                    "select roll_up('select c.* from case_facts f, case_contributions(f) c', null::case_facts, null::case_facts)");
            statement.execute(
                    "select roll_up('select c.* from dispatch_facts f, dispatch_contributions(f) c', null::dispatch_facts, null::dispatch_facts)");
            System.out.printf("  rolled up in %.1f s%n", (System.nanoTime() - start) / 1e9);
            statement.execute("alter table case_facts enable trigger case_facts_rolled_up");
            statement.execute("alter table dispatch_facts enable trigger dispatch_facts_rolled_up");
            statement.execute("vacuum analyze case_facts");
            statement.execute("vacuum analyze dispatch_facts");
            statement.execute("vacuum analyze indicator_days");
            statement.execute("vacuum analyze cases");
            try (var rows =
                    statement.executeQuery(
                            "select pg_total_relation_size('cases'), pg_total_relation_size('case_facts'),"
                                    + " pg_total_relation_size('indicator_days'), (select count(*) from indicator_days)")) {
                rows.next();
                System.out.printf(
                        "  cases %.0f MB, case_facts %.0f MB, indicator_days %.0f MB (%,d rows)%n",
                        rows.getLong(1) / 1e6,
                        rows.getLong(2) / 1e6,
                        rows.getLong(3) / 1e6,
                        rows.getLong(4));
            }
        }
    }

    /**
     * A city of 12,000 grids and 14 departments; 90 % of reports accepted, of those 30 % handled in
     * the grid, 90 % handled and 85 % closed, with on-time shares and satisfaction drawn at random.
     */
    private static final String FACTS =
            """
            insert into case_facts (case_id, status, grid_code, department, category, source, handler_kind, reported_at,
                                    reporter_id, reporter_role, verified_at, verified_on_time, verified_by, verified_role,
                                    decided_at, valid, accepted_at, accepted_on_time, accepted_by, accepted_role, send_backs,
                                    handled_at, handled_on_time, checked_at, checked_by, checked_role, checks, checks_on_time,
                                    reworks, late_steps, closed_at, closed_on_time, evaluated_at, satisfaction)
            select gen_random_uuid(),
                   case when not accepted then 'REJECTED' when closed then 'EVALUATED' else 'HANDLING' end,
                   'BC-G' || lpad((1 + floor(r_grid * 12000))::int::text, 5, '0'),
                   case when accepted and not in_grid then 'D' || lpad((1 + floor(r_dep * 14))::int::text, 2, '0') end,
                   lpad((1 + floor(r_cat * 40))::int::text, 4, '0'),
                   case when r_src < 0.7 then 'GRID_WORKER' when r_src < 0.85 then 'HOTLINE' else 'CITIZEN' end,
                   case when accepted then case when in_grid then 'GRID' else 'DEPARTMENT' end end,
                   reported, 'BC-STAFF-' || floor(r_who * 2000)::int, 'GRID_WORKER',
                   case when r_src >= 0.7 then reported + interval '1 hour' end, r_t1 < 0.95,
                   case when r_src >= 0.7 then 'BC-STAFF-' || floor(r_who * 2000)::int end,
                   case when r_src >= 0.7 then 'GRID_WORKER' end,
                   reported + interval '2 hours', accepted,
                   case when accepted then reported + interval '2 hours' end, r_t2 < 0.9,
                   case when accepted then 'CC-DUTY_CHIEF-' || (1 + floor(r_t3 * 6))::int end,
                   case when accepted then 'DUTY_CHIEF' end,
                   case when accepted and r_t3 < 0.08 then 1 else 0 end,
                   case when handled then reported + interval '1 day' end, case when handled then r_t4 < 0.85 end,
                   case when closed then reported + interval '2 days' end,
                   case when closed then 'BC-STAFF-' || floor(r_who * 2000)::int end,
                   case when closed then 'GRID_WORKER' end,
                   case when closed then case when r_t5 < 0.1 then 2 else 1 end else 0 end,
                   case when closed then case when r_t6 < 0.9 then 1 else 0 end else 0 end,
                   case when closed and r_t5 < 0.1 then 1 else 0 end, 0,
                   case when closed then reported + interval '2 days' end, case when closed then r_t4 < 0.8 end,
                   case when closed and r_t6 < 0.6 then reported + interval '3 days' end,
                   case when closed and r_t6 < 0.6 then 1 + floor(r_t7 * 5)::int end
            from (select *, accepted and r_h < 0.9 as handled, accepted and r_h < 0.85 as closed
                  from (select timestamptz '2026-10-31 16:00:00+00' + (g::double precision / %1$d * %2$s) * interval '1 day' as reported,
                               random() r_grid, random() r_dep, random() r_cat, random() r_src, random() r_who, random() r_h,
                               random() r_t1, random() r_t2, random() r_t3, random() r_t4, random() r_t5, random() r_t6,
                               random() r_t7, random() < 0.9 as accepted, random() < 0.3 as in_grid
                        from generate_series(1, %1$d) g) drawn) derived
            """;

    /** One dispatch per case handled by a department, a twelfth of them sent back. */
    private static final String DISPATCHES =
            """
            insert into dispatch_facts (event_id, case_id, dispatched_at, department, on_time, dispatched_by, dispatcher_role,
                                        grid_code, category, source, sent_back)
            select gen_random_uuid(), case_id, accepted_at + interval '30 minutes', department, random() < 0.9,
                   'CC-DISPATCHER-1', 'DISPATCHER', grid_code, category, source, send_backs > 0
            from case_facts where handler_kind = 'DEPARTMENT'
            """;

    /** The same cases in the live table, as intake and the loop would have left them. */
    private static final String CASES_TABLE =
            """
            insert into cases (id, number, report_id, report_fingerprint, source, reporter_id, category, description, longitude,
                               latitude, address, grid_code, status, urgency, routed_department, handler_kind, reported_at,
                               updated_at, accepted_at, closed_at, overdue_steps, rework_count, satisfaction, is_open)
            select case_id, 'B-' || case_id, gen_random_uuid(), 'bench', source, reporter_id, category, '', 117.0, 34.0, '',
                   grid_code, status, 'NORMAL', department, handler_kind, reported_at, reported_at, accepted_at, closed_at,
                   case when closed_on_time then 0 else 1 end, reworks, satisfaction, status not in ('EVALUATED', 'REJECTED')
            from case_facts
            """;
}
