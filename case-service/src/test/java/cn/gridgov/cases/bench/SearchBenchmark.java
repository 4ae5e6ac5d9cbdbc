package cn.gridgov.cases.bench;

import cn.gridgov.cases.search.CaseQuery;
import cn.gridgov.cases.search.CaseQueryReader;
import cn.gridgov.cases.search.CaseSearch;
import cn.gridgov.cases.search.Cursor;
import cn.gridgov.cases.search.ReadScope;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The case search on a million cases: fills a database of its own (not the tests' nor the running
 * system's) with a year of a 12,000-grid city's cases, then times representative searches through
 * the service's own {@link CaseSearch} (the same SQL, the same planning) and prints the plan of the
 * main ones. Run on demand: {@code ./mvnw -pl case-service -am test -Pbench -Dtest=SearchBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>The database is {@code bench.search.db} (default {@code cases_search_bench}), created once by
 * a superuser with PostGIS in it (see the README). The schema comes from the service's own
 * migrations; the million cases are made once and kept, so a second run only searches ({@code
 * -Dbench.search.refill=true} makes them again).
 */
class SearchBenchmark {

    private static final String HOST = System.getProperty("bench.search.host", "127.0.0.1");
    private static final String DB = System.getProperty("bench.search.db", "cases_search_bench");
    private static final String USER = System.getProperty("bench.search.user", "gridgov");
    private static final String PASSWORD = System.getProperty("bench.search.password", "gridgov");
    private static final int CASES = Integer.getInteger("bench.search.cases", 1_000_000);
    private static final int RUNS = Integer.getInteger("bench.search.runs", 20);

    /**
     * The benchmark city: 120 × 100 grids, communities of 10 × 5 grids (240), streets of 30 × 25
     * (16).
     */
    private static final int COLUMNS = 120;

    private static final int ROWS = 100;

    /**
     * The same without Maven, from the test classpath: it touches no test database, topic or port.
     */
    public static void main(String[] args) throws Exception {
        new SearchBenchmark().searchAMillionCases();
    }

    @Test
    void searchAMillionCases() throws Exception {
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
                        // As the service's connections: every prepared statement planned once
                        // (intake's setting).
                        .addProperty("plan_cache_mode", "force_generic_plan");
        var core =
                PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(4))
                        .connectingTo(connect)
                        .using(vertx)
                        .build();
        var pool = io.vertx.mutiny.sqlclient.Pool.newInstance(core);
        var search = new CaseSearch(pool, Clock.systemUTC());
        var reader = new CaseQueryReader(ZoneId.of("Asia/Shanghai"));
        try {
            var all = ReadScope.everything();
            var grid = Set.of(grid(37, 41));
            var community = community(3, 8);
            var street = street(1, 1);
            var departmentStaff = new ReadScope(false, Set.of(), "D03", null);
            var gridWorker = ReadScope.grids(grid);

            record Search(String name, CaseQuery query, ReadScope scope, boolean explain) {}
            var list = new ArrayList<Search>();
            Function<String, CaseQuery> q = params -> reader.read(params(params));
            list.add(new Search("newest 50, command center (no filter)", q.apply(""), all, true));
            list.add(
                    new Search(
                            "open cases, most urgent first (sort=dueAt asc)",
                            q.apply("open=true&sort=dueAt&direction=asc"),
                            all,
                            true));
            list.add(
                    new Search(
                            "red clocks of open cases", q.apply("open=true&clock=red"), all, true));
            list.add(
                    new Search(
                            "status HANDLING of one department (lead or co-handling)",
                            q.apply("status=HANDLING&department=D03"),
                            all,
                            true));
            list.add(new Search("one grid", q.apply("").withGrids(grid), all, false));
            list.add(
                    new Search(
                            "a community (50 grids), open",
                            q.apply("open=true").withGrids(community),
                            all,
                            true));
            list.add(new Search("a street (750 grids)", q.apply("").withGrids(street), all, true));
            list.add(
                    new Search(
                            "a street (750 grids), category 0101, last 30 days",
                            q.apply("category=0101&from=" + java.time.LocalDate.now().minusDays(30))
                                    .withGrids(street),
                            all,
                            false));
            list.add(
                    new Search(
                            "a grid worker's scope, open",
                            q.apply("open=true"),
                            gridWorker,
                            false));
            list.add(
                    new Search(
                            "a department's staff: their cases",
                            q.apply(""),
                            departmentStaff,
                            true));
            list.add(new Search("text: 井盖 (two characters, common)", q.apply("q=井盖"), all, true));
            list.add(new Search("text: 临港大道 (address)", q.apply("q=临港大道"), all, false));
            list.add(new Search("text: 流浪犬 + open", q.apply("q=流浪犬&open=true"), all, false));
            list.add(new Search("text with no match: 火箭发射", q.apply("q=火箭发射"), all, true));
            list.add(
                    new Search(
                            "within 500 m of a point",
                            q.apply("lon=117.3&lat=34.2&radius=500"),
                            all,
                            true));
            list.add(
                    new Search(
                            "categoryPrefix=01, last 30 days",
                            q.apply(
                                    "categoryPrefix=01&from="
                                            + java.time.LocalDate.now().minusDays(30)),
                            all,
                            false));
            list.add(new Search("sort=number desc", q.apply("sort=number"), all, false));
            list.add(new Search("one reporter", q.apply("reporter=BC-STAFF-77"), all, false));
            list.add(
                    new Search(
                            "count=true, open cases", q.apply("open=true&count=true"), all, false));
            list.add(
                    new Search(
                            "count=true, everything (capped at 10,000)",
                            q.apply("count=true"),
                            all,
                            false));
            list.add(
                    new Search(
                            "limit=500, a street",
                            q.apply("limit=500").withGrids(street),
                            all,
                            false));

            System.out.printf(
                    "%n== Case search on %,d cases (%s), %d timed runs each after 3 warm-up runs ==%n",
                    CASES, DB, RUNS);
            System.out.printf("%-58s %8s %8s %8s %7s%n", "search", "median", "p95", "max", "rows");
            for (var s : list) {
                for (int i = 0; i < 3; i++) {
                    search.page(s.query, s.scope).await().indefinitely();
                }
                var times = new double[RUNS];
                int rows = 0;
                Integer total = null;
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    var page = search.page(s.query, s.scope).await().indefinitely();
                    times[i] = (System.nanoTime() - start) / 1e6;
                    rows = page.items().size();
                    total = page.total();
                }
                Arrays.sort(times);
                System.out.printf(
                        "%-58s %6.2f ms %6.2f ms %6.2f ms %7s%n",
                        s.name,
                        times[RUNS / 2],
                        times[(int) Math.ceil(RUNS * 0.95) - 1],
                        times[RUNS - 1],
                        rows + (total == null ? "" : " (" + total + ")"));
            }

            // Deep paging: the 50th page of the newest cases costs what the first does (keyset, not
            // offset).
            var query = q.apply("limit=100");
            long start = System.nanoTime();
            var page = search.page(query, all).await().indefinitely();
            double first = (System.nanoTime() - start) / 1e6;
            for (int i = 1; i < 50; i++) {
                page =
                        search.page(query.withPage(Cursor.decode(page.nextCursor()), 100), all)
                                .await()
                                .indefinitely();
            }
            start = System.nanoTime();
            search.page(query.withPage(Cursor.decode(page.nextCursor()), 100), all)
                    .await()
                    .indefinitely();
            System.out.printf(
                    "%-58s %6.2f ms (first page %.2f ms)%n",
                    "the 51st page of 100 (cursor)", (System.nanoTime() - start) / 1e6, first);

            var out = new StringBuilder();
            for (var s : list) {
                if (!s.explain) {
                    continue;
                }
                out.append("\n-- ").append(s.name).append('\n');
                search.explain(s.query, s.scope)
                        .await()
                        .indefinitely()
                        .forEach(line -> out.append(line).append('\n'));
            }
            var file = Path.of("target", "search-benchmark-explain.txt");
            Files.writeString(file, out.toString());
            System.out.println(
                    "\nPlans (EXPLAIN (ANALYZE, BUFFERS)) written to " + file.toAbsolutePath());
            System.out.println(out);
        } finally {
            core.close();
            vertx.close();
        }
    }

    private static Map<String, List<String>> params(String query) {
        var params = new LinkedHashMap<String, List<String>>();
        if (!query.isEmpty()) {
            for (var pair : query.split("&")) {
                var kv = pair.split("=", 2);
                params.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        return params;
    }

    private static String grid(int col, int row) {
        return String.format("BC-G%05d", row * COLUMNS + col + 1);
    }

    private static Set<String> community(int communityCol, int communityRow) {
        var codes = new LinkedHashSet<String>();
        for (int col = communityCol * 10; col < communityCol * 10 + 10; col++) {
            for (int row = communityRow * 5; row < communityRow * 5 + 5; row++) {
                codes.add(grid(col, row));
            }
        }
        return codes;
    }

    private static Set<String> street(int streetCol, int streetRow) {
        var codes = new LinkedHashSet<String>();
        for (int col = streetCol * 30; col < streetCol * 30 + 30; col++) {
            for (int row = streetRow * 25; row < streetRow * 25 + 25; row++) {
                codes.add(grid(col, row));
            }
        }
        return codes;
    }

    /**
     * A year of cases: about 3 % reported in the last eleven days and still open (some overdue),
     * the rest closed, evaluated, rejected or merged; 40 categories, most cases in a few; 14
     * departments, a fifth of the cases co-handled; descriptions and addresses from a town's
     * vocabulary. The search's indexes are dropped for the fill and built afterwards (faster than
     * keeping them up row by row), each timed.
     */
    private static void fill(String url) throws Exception {
        try (var connection = DriverManager.getConnection(url, USER, PASSWORD);
                var statement = connection.createStatement()) {
            long have;
            try (var rows = statement.executeQuery("select count(*) from cases")) {
                rows.next();
                have = rows.getLong(1);
            }
            if (have == CASES && !Boolean.getBoolean("bench.search.refill")) {
                System.out.printf("%n%,d cases already in %s: searching them%n", have, DB);
                return;
            }
            System.out.printf("%nFilling %s with %,d cases…%n", DB, CASES);
            // One transaction: a fill that fails leaves the table and its indexes as they were.
            connection.setAutoCommit(false);
            statement.execute("set maintenance_work_mem = '512MB'");
            statement.execute("truncate cases cascade");
            var indexes = new LinkedHashMap<String, String>();
            try (var rows =
                    statement.executeQuery(
                            "select indexname, indexdef from pg_indexes where tablename = 'cases' "
                                    + "and indexname not in (select conname from pg_constraint)")) {
                while (rows.next()) {
                    indexes.put(rows.getString(1), rows.getString(2));
                }
            }
            for (var index : indexes.keySet()) {
                statement.execute("drop index " + index);
            }
            long start = System.nanoTime();
            statement.execute("select setseed(0.42)");
            statement.execute(FILL.formatted(CASES));
            System.out.printf("  rows written in %.1f s%n", (System.nanoTime() - start) / 1e9);
            for (var index : indexes.entrySet()) {
                start = System.nanoTime();
                statement.execute(index.getValue());
                long bytes;
                try (var rows =
                        statement.executeQuery(
                                "select pg_relation_size('" + index.getKey() + "')")) {
                    rows.next();
                    bytes = rows.getLong(1);
                }
                System.out.printf(
                        "  %-36s built in %5.1f s, %6.1f MB%n",
                        index.getKey(), (System.nanoTime() - start) / 1e9, bytes / 1e6);
            }
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("vacuum analyze cases");
            try (var rows =
                    statement.executeQuery(
                            "select pg_relation_size('cases'), count(*) filter (where is_open) from cases")) {
                rows.next();
                System.out.printf(
                        "  table %.1f MB, %,d open cases%n",
                        rows.getLong(1) / 1e6, rows.getLong(2));
            }
        }
    }

    private static final String FILL =
            """
            insert into cases (id, number, report_id, report_fingerprint, source, reporter_id, category, description,
                               longitude, latitude, address, grid_code, dedicated_grid_codes, status, urgency, step,
                               step_started_at, step_warn_at, step_due_at, routed_department, co_handling_departments,
                               handler_kind, reported_at, updated_at, closed_at, timeline_hash, is_open)
            select gen_random_uuid(), '2026-' || case when g < 1000000 then lpad(g::text, 6, '0') else g::text end, gen_random_uuid(), 'bench',
                   case when src < 0.7 then 'GRID_WORKER' when src < 0.85 then 'HOTLINE' when src < 0.95 then 'CITIZEN' else 'SENSOR' end,
                   'BC-STAFF-' || floor(who * 2000)::int,
                   lpad((1 + floor(cat * cat * 4))::int::text, 2, '0') || lpad((1 + floor(cat2 * 10))::int::text, 2, '0'),
                   (array['窨井盖缺失', '路灯不亮', '占道经营', '夜间施工噪音扰民', '违章搭建', '垃圾堆放未清运', '道路破损坑洼',
                          '绿化带损毁', '共享单车乱停放', '油烟扰民', '污水外溢', '违规张贴小广告', '树木倒伏', '消防通道堵塞',
                          '河道漂浮物', '流浪犬伤人隐患', '电线私拉乱接', '井盖松动异响', '排水不畅积水', '工地扬尘'])[1 + floor(txt * 20)::int]
                       || '，' || (array['居民反映', '网格员巡查发现', '已持续多日', '影响通行', '请尽快处理'])[1 + floor(txt2 * 5)::int],
                   117.0 + (col + random()) * 0.005, 34.0 + (row_ + random()) * 0.004,
                   (array['海州路', '人民路', '青口镇建设路', '柘汪镇临港大道', '金山路', '环城北路', '黄海路', '沙河路', '朝阳路',
                          '新华路'])[1 + floor(addr * 10)::int] || (1 + floor(addr2 * 300))::int || '号',
                   'BC-G' || lpad((row_ * 120 + col + 1)::text, 5, '0'), '',
                   status, 'NORMAL', step,
                   case when step is not null then started end,
                   case when step is not null then started + interval '32 hours' end,
                   case when step is not null then started + interval '40 hours' end,
                   case when routed then 'D' || lpad((1 + floor(dep * 14))::int::text, 2, '0') end,
                   case when routed and co < 0.2 then 'D' || lpad((1 + floor(co * 5 * 14))::int::text, 2, '0') else '' end,
                   case when routed then 'DEPARTMENT' end,
                   reported, reported, case when status in ('CLOSED', 'EVALUATED') then reported + interval '3 days' end, '',
                   status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED')
            from (select g, src, who, cat, cat2, txt, txt2, addr, addr2, col, row_, dep, co, reported, started, status,
                         case status when 'REPORTED' then 'VERIFY' when 'VERIFIED' then 'ACCEPT' when 'ACCEPTED' then 'DISPATCH'
                                     when 'DISPATCHED' then 'DEPARTMENT_ACCEPT' when 'HANDLING' then 'HANDLE'
                                     when 'RESULT_SUBMITTED' then 'CHECK' when 'CLOSED' then 'EVALUATE' when 'PARKED' then 'REVIEW'
                                     end as step,
                         status in ('DISPATCHED', 'HANDLING', 'PARKED', 'RESULT_SUBMITTED', 'CLOSED', 'EVALUATED') as routed
                  from (select g, random() src, random() who, random() cat, random() cat2, random() txt, random() txt2,
                               random() addr, random() addr2, floor(random() * 120)::int col, floor(random() * 100)::int row_,
                               random() dep, random() co,
                               now() - age * interval '365 days' as reported,
                               now() - age * interval '365 days' + random() * interval '20 hours' as started,
                               case when age < 0.03 then
                                        case when st < 0.1 then 'REPORTED' when st < 0.25 then 'VERIFIED' when st < 0.3 then 'ACCEPTED'
                                             when st < 0.4 then 'DISPATCHED' when st < 0.9 then 'HANDLING' when st < 0.95 then 'PARKED'
                                             else 'RESULT_SUBMITTED' end
                                    else case when st < 0.05 then 'REJECTED' when st < 0.08 then 'MERGED' when st < 0.2 then 'CLOSED'
                                              else 'EVALUATED' end end as status
                        from (select g, random() age, random() st from generate_series(1, %d) g) base) drawn) derived
            """;
}
