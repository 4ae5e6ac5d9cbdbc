package cn.gridgov.cases.bench;

import cn.gridgov.kit.testing.TokenCheckCost;
import cn.gridgov.kit.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput and latency against the running system, beside the raw PostgreSQL single-row
 * commit rate measured in the same run. Not part of the normal build; run it with {@code
 * deploy/stack.sh start} and then {@code ./mvnw -pl case-service -am test -Pbench}. It prints
 * figures; it asserts nothing about speed.
 */
class IntakeBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8082");
    private static final String JDBC =
            System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/cases");
    private static final String DB_USER = System.getProperty("bench.db-user", "gridgov");
    private static final String DB_PASSWORD = System.getProperty("bench.db-password", "gridgov");
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);

    /** The longest warm-up; it ends sooner once the JIT compilers are quiet. */
    private static final Duration WARMUP =
            Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 240));

    private static final Duration WARMUP_WINDOW = Duration.ofSeconds(10);

    /** Below this share of the CPU the JIT compilers no longer change the figures much. */
    private static final double JIT_QUIET = 0.05;

    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    /**
     * The open loop's rate: reports arrive at it whether or not earlier ones are answered, as
     * phones send them.
     */
    private static final int RATE = Integer.getInteger("bench.rate", 1000);

    /**
     * How long the open loop runs: a stall every few minutes needs longer than the closed loop to
     * show.
     */
    private static final Duration OPEN_LOOP =
            Duration.ofSeconds(Long.getLong("bench.open-seconds", MEASURE.toSeconds()));

    private static final Duration OPEN_LOOP_LEAD_IN = Duration.ofSeconds(5);

    /**
     * Connections the open loop may open; a report that finds them all busy waits, and its wait
     * counts.
     */
    private static final int OPEN_LOOP_CONNECTIONS = 512;

    /** The latency target: the open loop lists the seconds in which a report missed it. */
    private static final Duration SLOW = Duration.ofMillis(100);

    /** A system that falls behind is late every second after; the first ones say when it began. */
    private static final int SLOW_SECONDS_LISTED = 12;

    private static final DateTimeFormatter TIME_OF_DAY =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Test
    @DisplayName(
            "intake sustains reports per second, printed beside the raw PostgreSQL commit rate")
    void intakeBesideRawCommits() throws Exception {
        var ready =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(URL + "/q/health/ready")).build(),
                                BodyHandlers.discarding());
        if (ready.statusCode() != 200) {
            throw new IllegalStateException(
                    "case-service at "
                            + URL
                            + " is not ready; start the system first: deploy/stack.sh start");
        }
        var categories = reportableCategories();
        var openAtStart = openCases();
        var baseline = rawCommitsPerSecond(CONCURRENCY);
        var oneConnection = rawCommitsPerSecond(1);
        var made = new ConcurrentLinkedQueue<String>();
        var warmup = warmUp(categories, made);
        var cpuBefore = ProcessCpu.read();
        var result = report(MEASURE, categories, made);
        // Everything shares the machine: say where its CPU went, the load generator's own included.
        var cpu = ProcessCpu.read().since(cpuBefore);
        System.out.printf(
                Locale.ROOT,
                """

                ==== intake benchmark (%d concurrent clients, %ds, after %s) ====
                open cases at the start           : %8d  (reports in %d categories: %s)
                raw PostgreSQL single-row commits : %8.0f /s  (%d connections; one connection: %.0f /s)
                reports accepted (201)            : %8.0f /s  (%d reports, %d errors)
                ratio to raw commits              : %8.1f %%   (target >= 30 %%; of one connection's: %.0f %%)
                latency p50 / p99 / max           : %6.1f / %6.1f / %6.1f ms   (target p99 < 100 ms)
                CPU per report, ms                : %s
                """,
                CONCURRENCY,
                MEASURE.toSeconds(),
                warmup,
                openAtStart,
                categories.size(),
                String.join(" ", categories),
                baseline,
                CONCURRENCY,
                oneConnection,
                result.perSecond(),
                result.count(),
                result.errors(),
                100 * result.perSecond() / baseline,
                100 * result.perSecond() / oneConnection,
                result.percentile(50),
                result.percentile(99),
                result.percentile(100),
                cpu.perItem(result.count()));
        // Every request carries a bearer token: what case-service spends checking it, beside what a
        // report costs it.
        var tokenCheck = TokenCheckCost.measure(REPORTER, 20_000);
        var caseServicePerReport = cpu.millisPerItem("case-service", result.count());
        System.out.printf(
                Locale.ROOT,
                "token check per request           : %8.1f µs CPU  (RS256 signature, issuer, audience, expiry;"
                        + " %.1f %% of case-service's %.2f ms per report)%n",
                tokenCheck.cpuMicrosPerCheck(),
                caseServicePerReport == 0
                        ? 0
                        : 100 * tokenCheck.cpuMicrosPerCheck() / 1000 / caseServicePerReport,
                caseServicePerReport);
        if (cpu.jitShare() > 0.15) {
            System.out.printf(
                    Locale.ROOT,
                    "the JIT compilers took %.0f %% of the CPU: the services are not warm yet and these"
                            + " figures understate them; run the benchmark again%n",
                    100 * cpu.jitShare());
        }
        var settled = settle();
        var openCpuBefore = ProcessCpu.read();
        var open = paced(OPEN_LOOP, RATE, categories, made);
        var paced = open.result();
        var openCpu = ProcessCpu.read().since(openCpuBefore);
        System.out.printf(
                Locale.ROOT,
                """
                open loop, reports due at         : %8d /s  for %ds, after a %ds lead-in not counted (and %s)
                reports accepted (201)            : %8.0f /s  (%d reports, %d errors)
                latency from the moment due       : %6.1f / %6.1f / %6.1f ms   p50 / p99 / max (target p99 < 100 ms)
                seconds with reports over %d ms  : %s
                CPU per report, ms                : %s
                """,
                RATE,
                OPEN_LOOP.toSeconds(),
                OPEN_LOOP_LEAD_IN.toSeconds(),
                settled,
                paced.perSecond(),
                paced.count(),
                paced.errors(),
                paced.percentile(50),
                paced.percentile(99),
                paced.percentile(100),
                SLOW.toMillis(),
                open.slowSeconds(),
                openCpu.perItem(open.reportsSent()));
        var cleanUpCpuBefore = ProcessCpu.read();
        var cleanUp = rejectAll(made);
        var cleanUpCpu = ProcessCpu.read().since(cleanUpCpuBefore);
        System.out.printf(
                Locale.ROOT,
                """
                clean-up: the run's cases rejected: %8.0f /s  (%d cases, %d errors%s; p50 / p99 %.1f / %.1f ms)
                CPU per rejection, ms             : %s
                """,
                cleanUp.perSecond(),
                cleanUp.count(),
                cleanUp.errors(),
                ERRORS.isEmpty() ? "" : ": " + ERRORS,
                cleanUp.percentile(50),
                cleanUp.percentile(99),
                cleanUpCpu.perItem(cleanUp.count()));
    }

    /**
     * Load in windows until one passes with the JIT compilers under {@link #JIT_QUIET} of the CPU,
     * or {@link #WARMUP} has passed: a freshly started service on two cores compiles for minutes,
     * and figures taken meanwhile understate it by half. Each client reports a case and then
     * rejects it, so both paths warm and the warm-up leaves no crowd of open cases for the measured
     * reports' duplicate search to step through (minutes of reports would be a hundred thousand and
     * more open cases, more than a district ever has). Says how long it took and the JIT's share.
     */
    private static String warmUp(List<String> categories, Queue<String> made) throws Exception {
        var shares = new ArrayList<String>();
        var deadline = System.nanoTime() + WARMUP.toNanos();
        var toReject = new ConcurrentLinkedQueue<String>();
        double share;
        do {
            var before = ProcessCpu.read();
            drive(
                    WARMUP_WINDOW,
                    () -> {
                        var number = toReject.poll();
                        return number == null
                                ? new Call("/api/v1/reports", report(categories), 201)
                                : rejection(number);
                    },
                    answer -> {
                        if (answer.statusCode() == 201) {
                            toReject.add(caseNumber(answer));
                        }
                    });
            share = ProcessCpu.read().since(before).jitShare();
            shares.add(String.format(Locale.ROOT, "%.0f%%", 100 * share));
        } while (share >= JIT_QUIET && System.nanoTime() < deadline);
        made.addAll(toReject);
        return String.format(
                Locale.ROOT,
                "a %ds warm-up, JIT share of the CPU %s",
                shares.size() * WARMUP_WINDOW.toSeconds(),
                String.join(" ", shares));
    }

    /**
     * The catalogue items a citizen can report without photos, as the town reports across its
     * catalogue: duplicates are searched within a category, so one category for every report would
     * crowd each street with candidates no town has.
     */
    private static List<String> reportableCategories() throws Exception {
        var answer =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(URL + "/api/v1/categories"))
                                        .header("Authorization", "Bearer " + Tokens.of(REPORTER))
                                        .build(),
                                BodyHandlers.ofString());
        var categories = new ArrayList<String>();
        for (JsonNode category : new ObjectMapper().readTree(answer.body())) {
            if (!category.path("sectionCode").isNull()
                    && category.path("active").asBoolean()
                    && !category.path("photoRequired").asBoolean()) {
                categories.add(category.path("code").asText());
            }
        }
        if (categories.isEmpty()) {
            throw new IllegalStateException(
                    "the catalogue at " + URL + " has no active item reportable without photos");
        }
        return categories;
    }

    /**
     * Open cases crowd the duplicate search; earlier runs leave theirs open, so each run says how
     * many it met.
     */
    private static long openCases() throws Exception {
        try (var connection = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD);
                var st = connection.createStatement();
                var rows =
                        st.executeQuery(
                                "select count(*) from cases where status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Single-row inserts, each its own transaction, from this many connections: as many as the HTTP
     * clients (PostgreSQL then groups their commits), and one (the latency of a durable commit).
     */
    private static double rawCommitsPerSecond(int connections) throws Exception {
        try (var setup = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD);
                var st = setup.createStatement()) {
            st.execute(
                    "create table if not exists bench_commit (id uuid primary key, payload text, at timestamptz)");
            st.execute("truncate bench_commit");
        }
        var count = new AtomicLong();
        var deadline = System.nanoTime() + MEASURE.toNanos() / 2;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int i = 0; i < connections; i++) {
            pool.submit(
                    () -> {
                        try (var connection =
                                        DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD);
                                var insert =
                                        connection.prepareStatement(
                                                "insert into bench_commit values (?, ?, now())")) {
                            while (System.nanoTime() < deadline) {
                                insert.setObject(1, UUID.randomUUID());
                                insert.setString(
                                        2,
                                        "a report of about this size, with a description of the problem");
                                insert.executeUpdate();
                                count.incrementAndGet();
                            }
                        }
                        return null;
                    });
        }
        pool.shutdown();
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        try (var cleanup = DriverManager.getConnection(JDBC, DB_USER, DB_PASSWORD);
                var st = cleanup.createStatement()) {
            st.execute("drop table bench_commit");
        }
        return count.get() / (MEASURE.toNanos() / 2 / 1e9);
    }

    private record Result(long count, long errors, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return count / seconds;
        }

        double percentile(int p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index =
                    Math.min(
                            latenciesNanos.length - 1,
                            (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(index, 0)] / 1e6;
        }
    }

    /**
     * One request of a closed loop: where it goes, what it carries, and the status that counts it
     * done.
     */
    /** A call and the bearer token it carries (every request is signed in, as in production). */
    private record Call(String path, String body, int expected, String staffId) {
        Call(String path, String body, int expected) {
            this(path, body, expected, REPORTER);
        }

        String authorization() {
            return "Bearer " + Tokens.of(staffId);
        }
    }

    /**
     * Who sends the benchmark's reports: the command center's desk taking citizens' reports, so
     * that a report is the same work as before sign-in (a grid worker's report is also verified at
     * intake).
     */
    private static final String REPORTER = System.getProperty("bench.reporter", "CC-DISPATCHER-1");

    /**
     * Reports as citizens send them, of the catalogue's categories; the cases they make are kept in
     * {@code made}.
     */
    private static Result report(Duration duration, List<String> categories, Queue<String> made)
            throws Exception {
        return drive(
                duration,
                () -> new Call("/api/v1/reports", report(categories), 201),
                answer -> made.add(caseNumber(answer)));
    }

    /** The number of the case a report made, from the answer's Location. */
    private static String caseNumber(HttpResponse<Buffer> answer) {
        var location = answer.getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Rejects (作废) every case the run made, through the API as a duty chief would: the town is left
     * as the run found it (dispatch-service stops supervising them too), so runs stay comparable,
     * and the command path is measured on the way.
     */
    private static Result rejectAll(Queue<String> made) throws Exception {
        return drive(
                Duration.ofHours(1),
                () -> {
                    var number = made.poll();
                    return number == null ? null : rejection(number);
                },
                answer -> {});
    }

    /** A duty chief's rejection (作废) of a case the benchmark made. */
    private static Call rejection(String number) {
        return new Call(
                "/api/v1/cases/" + number + "/reject",
                "{\"note\":\"benchmark clean-up\"}",
                200,
                "CC-DUTY_CHIEF-1");
    }

    /**
     * Waits, at most a minute, until the system is nearly idle (under a quarter of a CPU): what the
     * closed loop left behind (dispatch-service following its events, the relay, autovacuum) would
     * otherwise be counted against the open loop. Says how long it waited.
     */
    private static String settle() throws Exception {
        var second = Duration.ofSeconds(1);
        int waited = 0;
        double busy;
        do {
            var before = ProcessCpu.read();
            Thread.sleep(second.toMillis());
            busy = ProcessCpu.read().since(before).cores(second);
            waited++;
        } while (busy > 0.25 && waited < 60);
        return String.format(
                Locale.ROOT,
                "%d s for the system to settle, %.2f CPUs busy at the end",
                waited,
                busy);
    }

    /**
     * Open loop: reports are due at a steady rate, each sent at its moment whether or not the
     * earlier ones are answered, and its latency counts from the moment it was due, so a stall
     * shows in the figures instead of slowing the load down (a closed loop hides it: its clients
     * wait and send less). The first {@link #OPEN_LOOP_LEAD_IN} runs at the same rate but is not
     * counted: in it the load generator opens its connections, hundreds at once, and its reports
     * measured that start, not the system (the late seconds of several runs were all there).
     */
    private static Paced paced(
            Duration duration, int rate, List<String> categories, Queue<String> made)
            throws Exception {
        var target = URI.create(URL);
        var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var web =
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setMaxPoolSize(OPEN_LOOP_CONNECTIONS)
                                .setKeepAlive(true)
                                .setDefaultHost(target.getHost())
                                .setDefaultPort(target.getPort()));
        int leadIn = Math.toIntExact(OPEN_LOOP_LEAD_IN.toSeconds() * rate);
        int total = Math.toIntExact(duration.toSeconds() * rate) + leadIn;
        // Written on the event loop, read after the latch: the latency of the n-th report due, -1
        // when it failed.
        var latencies = new long[total];
        // The load generator's own lateness: how long after its moment each report was handed to
        // the client.
        var sendingLate = new long[total];
        var answered = new CountDownLatch(total);
        var sent = new AtomicInteger();
        var startedAt = Instant.now();
        var started = System.nanoTime();
        vertx.setPeriodic(
                1,
                timer -> {
                    long now = System.nanoTime();
                    long due = Math.min(total, (now - started) * rate / 1_000_000_000L);
                    while (sent.get() < due) {
                        int n = sent.getAndIncrement();
                        long dueAt = started + (long) n * 1_000_000_000L / rate;
                        sendingLate[n] = now - dueAt;
                        web.post("/api/v1/reports")
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Authorization", "Bearer " + Tokens.of(REPORTER))
                                .sendBuffer(Buffer.buffer(report(categories)))
                                .onComplete(
                                        answer -> {
                                            if (answer.succeeded()
                                                    && answer.result().statusCode() == 201) {
                                                latencies[n] = System.nanoTime() - dueAt;
                                                made.add(caseNumber(answer.result()));
                                            } else {
                                                latencies[n] = -1;
                                            }
                                            answered.countDown();
                                        });
                    }
                    if (due == total) {
                        vertx.cancelTimer(timer);
                    }
                });
        if (!answered.await(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    "the open loop's reports were not all answered; is the system answering?");
        }
        var seconds = (System.nanoTime() - started) / 1e9 - OPEN_LOOP_LEAD_IN.toSeconds();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var counted = Arrays.copyOfRange(latencies, leadIn, total);
        var succeeded = Arrays.stream(counted).filter(latency -> latency >= 0).sorted().toArray();
        return new Paced(
                new Result(succeeded.length, counted.length - succeeded.length, seconds, succeeded),
                slowSeconds(
                        counted,
                        Arrays.copyOfRange(sendingLate, leadIn, total),
                        rate,
                        startedAt.plus(OPEN_LOOP_LEAD_IN)),
                total);
    }

    /**
     * An open loop's counted figures, the seconds in which reports were late, and every report
     * sent, lead-in included.
     */
    private record Paced(Result result, String slowSeconds, long reportsSent) {}

    /**
     * The seconds (by when reports were due, in UTC) with a report answered after {@link #SLOW}:
     * how many were, and the latest; the clock times let a stall be matched with the logs of
     * PostgreSQL, Kafka and the services' garbage collectors.
     */
    private static String slowSeconds(
            long[] latencies, long[] sendingLate, int rate, Instant startedAt) {
        var lines = new ArrayList<String>();
        for (int second = 0; second * rate < latencies.length; second++) {
            int slow = 0;
            long worst = 0;
            long sentLatest = 0;
            for (int n = second * rate; n < Math.min(latencies.length, (second + 1) * rate); n++) {
                if (latencies[n] > SLOW.toNanos()) {
                    slow++;
                }
                worst = Math.max(worst, latencies[n]);
                sentLatest = Math.max(sentLatest, sendingLate[n]);
            }
            if (slow > 0) {
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "%s %d late, latest %.0f ms (sent up to %.0f ms late)",
                                TIME_OF_DAY.format(startedAt.plusSeconds(second)),
                                slow,
                                worst / 1e6,
                                sentLatest / 1e6));
            }
        }
        if (lines.size() > SLOW_SECONDS_LISTED) {
            var more = lines.size() - SLOW_SECONDS_LISTED;
            lines.subList(SLOW_SECONDS_LISTED, lines.size()).clear();
            lines.add("and " + more + " seconds more");
        }
        return lines.isEmpty() ? "none" : String.join("; ", lines);
    }

    /**
     * Closed loop: each of the clients sends its next call when the previous one is answered, until
     * the duration has passed or the calls run out. The clients are asynchronous on one Vert.x
     * event loop, so the generator takes little of the CPU it shares with the system (a thread per
     * client with the JDK's client took about 0.5 ms of CPU per report, as much as case-service
     * itself).
     */
    private static Result drive(
            Duration duration, Supplier<Call> calls, Consumer<HttpResponse<Buffer>> done)
            throws Exception {
        var target = URI.create(URL);
        var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var web =
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setMaxPoolSize(CONCURRENCY)
                                .setKeepAlive(true)
                                .setDefaultHost(target.getHost())
                                .setDefaultPort(target.getPort()));
        var loop =
                new Loop(
                        web,
                        calls,
                        done,
                        System.nanoTime() + duration.toNanos(),
                        new ConcurrentLinkedQueue<>(),
                        new AtomicInteger(),
                        new CountDownLatch(CONCURRENCY));
        var started = System.nanoTime();
        for (int i = 0; i < CONCURRENCY; i++) {
            vertx.runOnContext(ignored -> loop.next());
        }
        if (!loop.finished().await(Math.min(duration.toSeconds(), 3600) + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the clients did not finish; is the system answering?");
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var sorted = loop.latencies().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(sorted.length, loop.errors().get(), seconds, sorted);
    }

    /**
     * What the closed loops' failed calls met, by path and status (or failure): printed with the
     * clean-up.
     */
    private static final Map<String, LongAdder> ERRORS = new ConcurrentSkipListMap<>();

    private record Loop(
            WebClient web,
            Supplier<Call> calls,
            Consumer<HttpResponse<Buffer>> done,
            long deadline,
            Queue<Long> latencies,
            AtomicInteger errors,
            CountDownLatch finished) {

        /** One client's next call, and the one after it when this one is answered. */
        void next() {
            var call = System.nanoTime() < deadline ? calls.get() : null;
            if (call == null) {
                finished.countDown();
                return;
            }
            var t0 = System.nanoTime();
            web.post(call.path())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Authorization", call.authorization())
                    .sendBuffer(Buffer.buffer(call.body()))
                    .onComplete(
                            answer -> {
                                if (answer.succeeded()
                                        && answer.result().statusCode() == call.expected()) {
                                    latencies.add(System.nanoTime() - t0);
                                    done.accept(answer.result());
                                } else {
                                    errors.incrementAndGet();
                                    var what =
                                            answer.succeeded()
                                                    ? String.valueOf(answer.result().statusCode())
                                                    : answer.cause().getClass().getSimpleName();
                                    ERRORS.computeIfAbsent(
                                                    call.path().replaceAll("[0-9]{4}-[0-9]+", "{n}")
                                                            + " "
                                                            + what,
                                                    k -> new LongAdder())
                                            .increment();
                                }
                                next();
                            });
        }
    }

    /** A citizen's report of one of the categories somewhere in the demo town, photos off. */
    private static String report(List<String> categories) {
        var random = ThreadLocalRandom.current();
        return String.format(
                Locale.ROOT,
                "{\"reportId\":\"%s\",\"source\":\"CITIZEN\","
                        + "\"category\":\"%s\",\"description\":\"benchmark report\",\"longitude\":%.6f,\"latitude\":%.6f}",
                UUID.randomUUID(),
                categories.get(random.nextInt(categories.size())),
                119.1005 + random.nextDouble() * 0.079,
                35.0005 + random.nextDouble() * 0.047);
    }
}
