package cn.gridgov.cases.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput and latency against the running system, beside the raw PostgreSQL single-row
 * commit rate measured in the same run. Not part of the normal build; run it with
 * {@code deploy/stack.sh start} and then {@code ./mvnw -pl case-service test -Pbench}.
 * It prints figures; it asserts nothing about speed.
 */
class IntakeBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8082");
    private static final String JDBC = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:5432/cases");
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 60));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    @Test
    @DisplayName("intake sustains reports per second, printed beside the raw PostgreSQL commit rate")
    void intakeBesideRawCommits() throws Exception {
        var ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(URL + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() != 200) {
            throw new IllegalStateException("case-service at " + URL + " is not ready; start the system first: deploy/stack.sh start");
        }
        var baseline = rawCommitsPerSecond();
        run(WARMUP);
        var cpuBefore = ProcessCpu.read();
        var result = run(MEASURE);
        // Everything shares the machine: say where its CPU went, the load generator's own included.
        var cpu = ProcessCpu.read().since(cpuBefore);
        System.out.printf(Locale.ROOT, """

                ==== intake benchmark (%d concurrent clients, %ds) ====
                raw PostgreSQL single-row commits : %8.0f /s
                reports accepted (201)            : %8.0f /s  (%d reports, %d errors)
                ratio to raw commits              : %8.1f %%   (target >= 30 %%)
                latency p50 / p99 / max           : %6.1f / %6.1f / %6.1f ms   (target p99 < 100 ms)
                CPU per report, ms                : %s
                """, CONCURRENCY, MEASURE.toSeconds(), baseline, result.perSecond(), result.count(), result.errors(),
                100 * result.perSecond() / baseline, result.percentile(50), result.percentile(99), result.percentile(100),
                cpu.perItem(result.count()));
        if (cpu.jitShare() > 0.15) {
            System.out.printf(Locale.ROOT, "the JIT compilers took %.0f %% of the CPU: the services are not warm yet and these"
                    + " figures understate them; run the benchmark again%n", 100 * cpu.jitShare());
        }
    }

    /** Single-row inserts, each its own transaction, from as many connections as the HTTP clients. */
    private static double rawCommitsPerSecond() throws Exception {
        var user = System.getProperty("bench.db-user", "gridgov");
        var password = System.getProperty("bench.db-password", "gridgov");
        try (var setup = DriverManager.getConnection(JDBC, user, password); var st = setup.createStatement()) {
            st.execute("create table if not exists bench_commit (id uuid primary key, payload text, at timestamptz)");
            st.execute("truncate bench_commit");
        }
        var count = new AtomicLong();
        var deadline = System.nanoTime() + MEASURE.toNanos() / 2;
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        for (int i = 0; i < CONCURRENCY; i++) {
            pool.submit(() -> {
                try (var connection = DriverManager.getConnection(JDBC, user, password);
                     var insert = connection.prepareStatement("insert into bench_commit values (?, ?, now())")) {
                    while (System.nanoTime() < deadline) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "a report of about this size, with a description of the problem");
                        insert.executeUpdate();
                        count.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        try (var cleanup = DriverManager.getConnection(JDBC, user, password); var st = cleanup.createStatement()) {
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
            int index = Math.min(latenciesNanos.length - 1, (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(index, 0)] / 1e6;
        }
    }

    /**
     * Closed loop: each of the clients sends its next report when the previous one is answered. The
     * clients are asynchronous on one Vert.x event loop, so the generator takes little of the CPU
     * it shares with the system (a thread per client with the JDK's client took about 0.5 ms of CPU
     * per report, as much as case-service itself).
     */
    private static Result run(Duration duration) throws Exception {
        var target = URI.create(URL);
        var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        var web = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(CONCURRENCY).setKeepAlive(true)
                .setDefaultHost(target.getHost()).setDefaultPort(target.getPort()));
        var latencies = new ConcurrentLinkedQueue<Long>();
        var errors = new AtomicInteger();
        var deadline = System.nanoTime() + duration.toNanos();
        var started = System.nanoTime();
        var done = new CountDownLatch(CONCURRENCY);
        for (int i = 0; i < CONCURRENCY; i++) {
            vertx.runOnContext(ignored -> send(web, deadline, latencies, errors, done));
        }
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        var seconds = (System.nanoTime() - started) / 1e9;
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        var sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(sorted.length, errors.get(), seconds, sorted);
    }

    /** One client's next report, and the one after it when this one is answered, until the deadline. */
    private static void send(WebClient web, long deadline, ConcurrentLinkedQueue<Long> latencies, AtomicInteger errors,
                             CountDownLatch done) {
        if (System.nanoTime() >= deadline) {
            done.countDown();
            return;
        }
        var t0 = System.nanoTime();
        web.post("/api/v1/reports").putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(report()))
                .onComplete(answer -> {
                    if (answer.succeeded() && answer.result().statusCode() == 201) {
                        latencies.add(System.nanoTime() - t0);
                    } else {
                        errors.incrementAndGet();
                    }
                    send(web, deadline, latencies, errors, done);
                });
    }

    /** A citizen's report somewhere in the demo town, photos off. */
    private static String report() {
        var random = ThreadLocalRandom.current();
        return String.format(Locale.ROOT, "{\"reportId\":\"%s\",\"source\":\"CITIZEN\",\"reporterId\":\"bench\","
                        + "\"category\":\"0104\",\"description\":\"benchmark report\",\"longitude\":%.6f,\"latitude\":%.6f}",
                UUID.randomUUID(), 119.1005 + random.nextDouble() * 0.079, 35.0005 + random.nextDouble() * 0.047);
    }
}
