package cn.gridgov.dispatch.bench;

import cn.gridgov.dispatch.MovableClock;
import cn.gridgov.dispatch.forecast.FinishForecast;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How well does the finish forecast warn? A generated history of handling steps (categories ×
 * departments, each slice with its own typical share of the time allowed, some usually late, most
 * in time, with noise; slices of very different sizes, so some fall back to the category), and then
 * new steps of the same process whose outcome is known. Each new step is shown to the service's own
 * {@link FinishForecast#atRisk} as an open case at several points of its life before it turns
 * yellow (0 %, 20 %, 40 %, 60 % and 79 % of the time allowed, while it is still running), and the
 * run prints the share of the steps that missed their deadline that were flagged before yellow (at
 * their start, and at any point), and the false alarms (flagged steps that finished in time).
 * Beside it, a forecast that knows nothing but the overall share of late steps (flag nothing when
 * it is under half), which misses every late step.
 *
 * <p>The rows it writes are of categories {@code BENCH-…} and are removed before and after. Run
 * with {@code ./mvnw -B -o test -pl dispatch-service -am -Pbench -Dtest=ForecastBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.forecast.seed=…}, {@code
 * -Dbench.forecast.steps=…}).
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class ForecastBenchmark {

    private static final long SEED = Long.getLong("bench.forecast.seed", 20261207L);
    private static final int NEW_STEPS = Integer.getInteger("bench.forecast.steps", 2000);
    private static final int CATEGORIES = 30;
    private static final int DEPARTMENTS = 4;
    private static final Duration ALLOWED = Duration.ofHours(10);
    private static final double[] CHECKPOINTS = {0.0, 0.2, 0.4, 0.6, 0.79};

    @Inject AgroalDataSource db;

    @Inject FinishForecast forecast;

    @Inject MovableClock clock;

    /**
     * A category × department: its typical share of the time allowed, and how many past steps it
     * has.
     */
    private record Slice(String category, String department, double median, int history) {}

    private record NewStep(UUID caseId, Slice slice, double share) {
        boolean late() {
            return share > 1;
        }
    }

    @Test
    @DisplayName(
            "prints the share of missed deadlines flagged before yellow, and the false alarms, on generated history")
    void forecastQuality() throws Exception {
        var random = new Random(SEED);
        var slices = new ArrayList<Slice>();
        for (int c = 0; c < CATEGORIES; c++) {
            for (int d = 0; d < DEPARTMENTS; d++) {
                // Typical shares around 0.7 of the time allowed; about one slice in five is usually
                // late.
                var median = Math.exp(Math.log(0.7) + 0.45 * random.nextGaussian());
                var history = 2 + random.nextInt(60);
                slices.add(
                        new Slice("BENCH-%02d".formatted(c), "BD%d".formatted(d), median, history));
            }
        }
        var now = clock.instant();
        try (var connection = db.getConnection()) {
            connection.setAutoCommit(true);
            cleanUp(connection);
            int pastSteps = writeHistory(connection, slices, random, now);

            var newSteps = new ArrayList<NewStep>();
            for (int i = 0; i < NEW_STEPS; i++) {
                var slice = slices.get(random.nextInt(slices.size()));
                newSteps.add(new NewStep(UUID.randomUUID(), slice, share(slice, random)));
            }
            var flaggedAt = new ArrayList<Set<UUID>>();
            long started = System.nanoTime();
            for (var checkpoint : CHECKPOINTS) {
                var running = newSteps.stream().filter(s -> s.share() > checkpoint).toList();
                openCases(connection, running, checkpoint, now);
                var flagged =
                        forecast.atRisk().await().atMost(Duration.ofMinutes(1)).stream()
                                .map(FinishForecast.Forecast::caseId)
                                .collect(Collectors.toSet());
                flaggedAt.add(flagged);
                execute(connection, "delete from case_file where category like 'BENCH-%'");
            }
            double millisPerList = (System.nanoTime() - started) / 1e6 / CHECKPOINTS.length;
            cleanUp(connection);

            var late = newSteps.stream().filter(NewStep::late).toList();
            var inTime = newSteps.stream().filter(s -> !s.late()).toList();
            var everFlagged = new HashSet<UUID>();
            flaggedAt.forEach(everFlagged::addAll);
            long lateAtStart =
                    late.stream().filter(s -> flaggedAt.get(0).contains(s.caseId())).count();
            long lateBeforeYellow =
                    late.stream().filter(s -> everFlagged.contains(s.caseId())).count();
            long falseAtStart =
                    inTime.stream().filter(s -> flaggedAt.get(0).contains(s.caseId())).count();
            long falseBeforeYellow =
                    inTime.stream().filter(s -> everFlagged.contains(s.caseId())).count();

            System.out.printf(
                    Locale.ROOT,
                    "%n== Finish forecast: %d slices (category × department), %,d past steps, %,d new steps (seed %d) ==%n",
                    slices.size(),
                    pastSteps,
                    newSteps.size(),
                    SEED);
            System.out.printf(
                    Locale.ROOT,
                    "missed their deadline: %d of %d new steps (%.1f %%)%n",
                    late.size(),
                    newSteps.size(),
                    100.0 * late.size() / newSteps.size());
            System.out.printf(
                    Locale.ROOT,
                    "flagged at the step's start:  %.1f %% of the misses; false alarms %d (%.1f %% of the flagged, %.1f %% of the steps in time)%n",
                    pct(lateAtStart, late.size()),
                    falseAtStart,
                    pct(falseAtStart, lateAtStart + falseAtStart),
                    pct(falseAtStart, inTime.size()));
            System.out.printf(
                    Locale.ROOT,
                    "flagged before yellow (any of %s): %.1f %% of the misses; false alarms %d (%.1f %% of the flagged, %.1f %% of the steps in time)%n",
                    java.util.Arrays.toString(CHECKPOINTS),
                    pct(lateBeforeYellow, late.size()),
                    falseBeforeYellow,
                    pct(falseBeforeYellow, lateBeforeYellow + falseBeforeYellow),
                    pct(falseBeforeYellow, inTime.size()));
            for (int i = 0; i < CHECKPOINTS.length; i++) {
                var checkpoint = CHECKPOINTS[i];
                var flagged = flaggedAt.get(i);
                long runningLate = late.stream().filter(s -> s.share() > checkpoint).count();
                long hit = late.stream().filter(s -> flagged.contains(s.caseId())).count();
                long runningInTime = inTime.stream().filter(s -> s.share() > checkpoint).count();
                long wrong = inTime.stream().filter(s -> flagged.contains(s.caseId())).count();
                System.out.printf(
                        Locale.ROOT,
                        "  at %2.0f %% of the time allowed: %4d late and %4d in time still running; flagged %4d late (%.1f %%), %4d in time (%.1f %%)%n",
                        checkpoint * 100,
                        runningLate,
                        runningInTime,
                        hit,
                        pct(hit, runningLate),
                        wrong,
                        pct(wrong, runningInTime));
            }
            System.out.printf(
                    Locale.ROOT,
                    "baseline: the overall share of late steps (%.1f %%) is under half, so a forecast without slices flags none: 0 %% of the misses%n",
                    100.0 * late.size() / newSteps.size());
            System.out.printf(
                    Locale.ROOT,
                    "the at-risk list over %,d open cases: %.0f ms a reading (mean of %d)%n",
                    NEW_STEPS,
                    millisPerList,
                    CHECKPOINTS.length);
        }
    }

    /** A step of this slice: its typical share, times a spread of about a third either way. */
    private static double share(Slice slice, Random random) {
        return slice.median() * Math.exp(0.35 * random.nextGaussian());
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /** Past steps of every slice, ended over the last 80 days; answers how many. */
    private static int writeHistory(
            Connection connection, List<Slice> slices, Random random, Instant now)
            throws SQLException {
        int written = 0;
        try (var insert =
                connection.prepareStatement(
                        """
                insert into step_outcome (case_id, step, started_at, category, department, due_at, ended_at, share)
                values (?, 'HANDLE', ?, ?, ?, ?, ?, ?)""")) {
            for (var slice : slices) {
                for (int i = 0; i < slice.history(); i++) {
                    var share = share(slice, random);
                    var start = now.minus(Duration.ofHours(24 + random.nextInt(80 * 24)));
                    insert.setObject(1, UUID.randomUUID());
                    insert.setTimestamp(2, Timestamp.from(start));
                    insert.setString(3, slice.category());
                    insert.setString(4, slice.department());
                    insert.setTimestamp(5, Timestamp.from(start.plus(ALLOWED)));
                    insert.setTimestamp(
                            6,
                            Timestamp.from(
                                    start.plusMillis(Math.round(ALLOWED.toMillis() * share))));
                    insert.setDouble(7, share);
                    insert.addBatch();
                    written++;
                }
            }
            insert.executeBatch();
        }
        return written;
    }

    /** The running steps as open cases that have used this share of their time. */
    private static void openCases(
            Connection connection, List<NewStep> running, double used, Instant now)
            throws SQLException {
        try (var insert =
                connection.prepareStatement(
                        """
                insert into case_file (case_id, number, status, open, category, urgency, step, step_started_at, step_warn_at,
                                       step_due_at, handler_department, updated_at)
                values (?, ?, 'HANDLING', true, ?, 'NORMAL', 'HANDLE', ?, ?, ?, ?, now())""")) {
            for (var step : running) {
                var start = now.minusMillis(Math.round(ALLOWED.toMillis() * used));
                insert.setObject(1, step.caseId());
                insert.setString(2, "BENCH-" + step.caseId());
                insert.setString(3, step.slice().category());
                insert.setTimestamp(4, Timestamp.from(start));
                insert.setTimestamp(
                        5, Timestamp.from(start.plusMillis(ALLOWED.toMillis() * 8 / 10)));
                insert.setTimestamp(6, Timestamp.from(start.plus(ALLOWED)));
                insert.setString(7, step.slice().department());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void cleanUp(Connection connection) throws SQLException {
        execute(connection, "delete from case_file where category like 'BENCH-%'");
        execute(connection, "delete from step_outcome where category like 'BENCH-%'");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
