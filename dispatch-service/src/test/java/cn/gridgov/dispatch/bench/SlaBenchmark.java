package cn.gridgov.dispatch.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 100,000 open cases whose yellow timers fall due over 20 seconds: how late is each one fired
 * (recorded and its event written, committed) after its due time? Beside it, in the same run, the
 * raw cost of writing 100,000 rows in PostgreSQL. Run with {@code ./mvnw -B test -pl
 * dispatch-service -Pbench}.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class SlaBenchmark {

    static final int CASES = Integer.getInteger("bench.sla.cases", 100_000);
    static final int SPREAD_SECONDS = Integer.getInteger("bench.sla.spread-seconds", 20);
    static final int LEAD_SECONDS = 5;

    @Inject AgroalDataSource db;

    @Test
    @DisplayName("every one of 100,000 due timers fires within a second of its due time")
    void slaScan() throws Exception {
        try (var connection = db.getConnection()) {
            connection.setAutoCommit(true);
            cleanUp(connection);

            long baselineStart = System.nanoTime();
            execute(
                    connection,
                    "create temporary table bench_rows as select gen_random_uuid() as id, now() + n * interval '1 ms' as at"
                            + " from generate_series(1, "
                            + CASES
                            + ") n");
            double baselineMillis = (System.nanoTime() - baselineStart) / 1e6;
            execute(connection, "drop table bench_rows");

            // Due times evenly spaced from start; the red deadline is a day later, so only yellow
            // fires here.
            var start = Instant.now().plusSeconds(LEAD_SECONDS);
            double spacingMillis = SPREAD_SECONDS * 1000.0 / CASES;
            long insertStart = System.nanoTime();
            try (var insert =
                    connection.prepareStatement(
                            """
                    insert into sla_timer (case_id, step, round, warn_at, due_at, yellow_fired, red_level, next_fire_at, open)
                    select gen_random_uuid(), 'BENCH', 0, w, w + interval '1 day', false, 0, w, true
                    from (select ?::timestamptz + (n * ?::float8) * interval '1 ms' as w
                          from generate_series(0, ? - 1) n) due""")) {
                insert.setTimestamp(1, Timestamp.from(start));
                insert.setDouble(2, spacingMillis);
                insert.setInt(3, CASES);
                insert.executeUpdate();
            }
            double insertMillis = (System.nanoTime() - insertStart) / 1e6;

            // Watch from outside: at each moment, everything due a second ago must already be
            // committed as fired.
            var samples = new ArrayList<long[]>();
            long fired = 0;
            var giveUp = start.plusSeconds(SPREAD_SECONDS + 60);
            while (fired < CASES && Instant.now().isBefore(giveUp)) {
                fired = count(connection);
                var now = Instant.now();
                long dueBySecondAgo = dueBy(start, spacingMillis, now.minusSeconds(1));
                samples.add(new long[] {now.toEpochMilli(), fired, dueBySecondAgo});
                Thread.sleep(50);
            }
            long behind = samples.stream().filter(s -> s[1] < s[2]).count();
            long worstShortfall = samples.stream().mapToLong(s -> s[2] - s[1]).max().orElse(0);

            double[] lag = lagStats(connection);
            System.out.printf(
                    Locale.ROOT,
                    "%n== SLA scan benchmark: %,d open cases due over %d s, %d cores ==%n",
                    CASES,
                    SPREAD_SECONDS,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    Locale.ROOT,
                    "baseline: PostgreSQL writes %,d rows (generate_series into a table): %.0f ms%n",
                    CASES,
                    baselineMillis);
            System.out.printf(Locale.ROOT, "loading %,d timers: %.0f ms%n", CASES, insertMillis);
            System.out.printf(
                    Locale.ROOT,
                    "fired %,d of %,d; lag (fired_at - due) p50=%.0f ms p99=%.0f ms max=%.0f ms; over 1 s: %d%n",
                    (long) lag[0],
                    CASES,
                    lag[1],
                    lag[2],
                    lag[3],
                    (long) lag[4]);
            System.out.printf(
                    Locale.ROOT,
                    "observed from outside every 50 ms: %d of %d samples had something due over 1 s ago"
                            + " not yet committed (worst shortfall %d)%n",
                    behind,
                    samples.size(),
                    worstShortfall);
            System.out.printf(
                    Locale.ROOT,
                    "target every due timer fired within 1 s: %s%n%n",
                    lag[0] == CASES && lag[4] == 0 && behind == 0 ? "MET" : "NOT MET");
            cleanUp(connection);
        }
    }

    private static long dueBy(Instant start, double spacingMillis, Instant at) {
        double elapsed = at.toEpochMilli() - start.toEpochMilli();
        if (elapsed < 0) {
            return 0;
        }
        return Math.min(CASES, (long) Math.floor(elapsed / spacingMillis) + 1);
    }

    private static long count(Connection connection) throws SQLException {
        try (var query =
                        connection.prepareStatement(
                                "select count(*) from sla_firing where step = 'BENCH'");
                var rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** count, p50, p99, max in ms, and how many fired over a second late. */
    private static double[] lagStats(Connection connection) throws SQLException {
        try (var query =
                        connection.prepareStatement(
                                """
                select count(*),
                       percentile_cont(0.5) within group (order by extract(epoch from fired_at - due_at) * 1000),
                       percentile_cont(0.99) within group (order by extract(epoch from fired_at - due_at) * 1000),
                       max(extract(epoch from fired_at - due_at) * 1000),
                       count(*) filter (where fired_at - due_at > interval '1 second')
                from sla_firing where step = 'BENCH'""");
                var rows = query.executeQuery()) {
            rows.next();
            return new double[] {
                rows.getLong(1),
                rows.getDouble(2),
                rows.getDouble(3),
                rows.getDouble(4),
                rows.getLong(5)
            };
        }
    }

    private static void cleanUp(Connection connection) throws SQLException {
        execute(
                connection,
                "delete from outbox_event where type = 'dispatch.sla-warning' and topic = '"
                        + BenchProfile.DISPATCH_TOPIC
                        + "' and sent_at is not null");
        execute(connection, "delete from sla_firing where step = 'BENCH'");
        execute(connection, "delete from sla_timer where step = 'BENCH'");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
