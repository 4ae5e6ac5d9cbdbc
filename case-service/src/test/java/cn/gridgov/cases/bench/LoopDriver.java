package cn.gridgov.cases.bench;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.kit.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Drives cases through all eight steps of the loop over HTTP, as the people of the demo town do,
 * with real tokens: a grid worker of G07 reports (verified at intake), the duty chief accepts,
 * dispatch-service routes it, the lead department's staff accept it in dispatch-service and submit
 * the result in case-service, the grid worker checks it on site (closed) and, as its reporter,
 * evaluates it. Each client is a closed loop: it starts its next case when the last one is
 * evaluated.
 *
 * <p>The two waits in the loop (routed, then handling) are for case-service: the client goes on
 * when case-service's {@code case.dispatched} or {@code case.handling} event of the case is on its
 * topic, which it writes in the transaction that makes the step visible, so the wait from
 * acceptance to the routed case being visible in case-service is measured without polling it.
 *
 * <p>Used by {@link LoopBenchmark} (-Pbench) and, a few seconds long, by the journey tests so that
 * it keeps working.
 */
public final class LoopDriver {

    /** Where the system answers: its two HTTP faces and case-service's event topic. */
    public record Target(String caseUrl, String dispatchUrl, String kafka, String caseEvents) {}

    /** The timed parts of a case, in the order of the loop. */
    public static final List<String> STEPS =
            List.of(
                    "report",
                    "accept",
                    "accepted -> routed visible",
                    "department accept",
                    "dept accepted -> handling visible",
                    "result",
                    "check",
                    "evaluate");

    private static final String GRID_WORKER = "G07-2";
    private static final String DUTY_CHIEF = "CC-DUTY_CHIEF-1";

    /** A missing manhole cover (0101): routed to the comprehensive enforcement bureau in G07. */
    private static final String CATEGORY = "0101";

    /** A step that is not visible by then counts as failed, and the client starts a new case. */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Target target;

    public LoopDriver(Target target) {
        this.target = target;
    }

    /**
     * Runs {@code clients} closed loops for {@code duration}; a case under way at the end is
     * finished, not counted in the rate, and its timings are kept.
     */
    public Run run(int clients, Duration duration) throws Exception {
        for (var staff : List.of(GRID_WORKER, DUTY_CHIEF, "ZHZF-1", "ZJJ-1")) {
            Tokens.of(staff); // signed in before the clock starts
        }
        var vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try (var watch = new CaseEventWatch(target)) {
            var run =
                    new Loops(
                            clients,
                            vertx,
                            client(vertx, target.caseUrl(), clients),
                            client(vertx, target.dispatchUrl(), clients),
                            watch,
                            System.nanoTime() + duration.toNanos(),
                            new CountDownLatch(clients));
            var started = System.nanoTime();
            var context = vertx.getOrCreateContext();
            for (int i = 0; i < clients; i++) {
                context.runOnContext(ignored -> run.next());
            }
            if (!run.finished()
                    .await(duration.toSeconds() + STEP_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "the clients did not finish their cases; is the system answering?");
            }
            var seconds = Math.min(duration.toNanos(), System.nanoTime() - started) / 1e9;
            return run.result(seconds);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static WebClient client(Vertx vertx, String url, int clients) {
        var uri = URI.create(url);
        return WebClient.create(
                vertx,
                new WebClientOptions()
                        .setMaxPoolSize(clients)
                        .setKeepAlive(true)
                        .setDefaultHost(uri.getHost())
                        .setDefaultPort(uri.getPort()));
    }

    /** What a run measured. */
    public record Run(
            int clients,
            double seconds,
            long casesInTime,
            long casesAfter,
            Map<String, Long> errors,
            Map<String, long[]> latencies) {

        public double casesPerSecond() {
            return casesInTime / seconds;
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The step's latency at the percentile, in milliseconds (NaN when none was measured). */
        public double percentile(String step, int p) {
            var sorted = latencies.getOrDefault(step, new long[0]);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(index, 0)] / 1e6;
        }

        /** One line per step: p50 / p99 / max in ms. */
        public String latencyTable() {
            return STEPS.stream()
                    .map(
                            step ->
                                    String.format(
                                            Locale.ROOT,
                                            "  %-34s: %7.1f / %7.1f / %7.1f ms  (%d)",
                                            step,
                                            percentile(step, 50),
                                            percentile(step, 99),
                                            percentile(step, 100),
                                            latencies.getOrDefault(step, new long[0]).length))
                    .collect(Collectors.joining("\n"));
        }
    }

    /** The clients of one run, on one Vert.x event loop. */
    private static final class Loops {
        private final Vertx vertx;
        private final WebClient cases;
        private final WebClient dispatch;
        private final CaseEventWatch watch;
        private final long deadline;
        private final CountDownLatch finished;
        private final Map<String, Queue<Long>> latencies = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
        private final AtomicLong inTime = new AtomicLong();
        private final AtomicLong after = new AtomicLong();
        private final int clients;

        Loops(
                int clients,
                Vertx vertx,
                WebClient cases,
                WebClient dispatch,
                CaseEventWatch watch,
                long deadline,
                CountDownLatch finished) {
            this.clients = clients;
            this.vertx = vertx;
            this.cases = cases;
            this.dispatch = dispatch;
            this.watch = watch;
            this.deadline = deadline;
            this.finished = finished;
        }

        CountDownLatch finished() {
            return finished;
        }

        /** One client's next case, and the one after it when this one is evaluated. */
        void next() {
            if (System.nanoTime() >= deadline) {
                finished.countDown();
                return;
            }
            oneCase()
                    .onComplete(
                            done -> {
                                if (done.succeeded()) {
                                    (System.nanoTime() <= deadline ? inTime : after)
                                            .incrementAndGet();
                                } else if (!(done.cause() instanceof StepFailed)) {
                                    error("case failed: " + done.cause());
                                }
                                next();
                            });
        }

        private Future<Void> oneCase() {
            var context = vertx.getOrCreateContext();
            return post(cases, "report", "/api/v1/reports", report(), GRID_WORKER, 201)
                    .compose(
                            reported -> {
                                var caseId = reported.bodyAsJsonObject().getString("id");
                                var seen = watch.expect(caseId);
                                return post(
                                                cases,
                                                "accept",
                                                "/api/v1/cases/" + caseId + "/accept",
                                                "{}",
                                                DUTY_CHIEF,
                                                200)
                                        .compose(
                                                accepted ->
                                                        visible(
                                                                context,
                                                                "accepted -> routed visible",
                                                                seen.dispatched()))
                                        .compose(
                                                department ->
                                                        handle(
                                                                context,
                                                                caseId,
                                                                seen,
                                                                department + "-1"))
                                        .onComplete(ignored -> watch.forget(caseId));
                            });
        }

        /** From the department's acceptance to the evaluation. */
        private Future<Void> handle(
                Context context, String caseId, CaseEventWatch.Seen seen, String handler) {
            var path = "/api/v1/cases/" + caseId;
            return post(
                            dispatch,
                            "department accept",
                            "/api/v1/routing-decisions/" + caseId + "/acceptance",
                            null,
                            handler,
                            200)
                    .compose(
                            accepted ->
                                    visible(
                                            context,
                                            "dept accepted -> handling visible",
                                            seen.handling()))
                    .compose(
                            handling ->
                                    post(
                                            cases,
                                            "result",
                                            path + "/result",
                                            "{\"note\":\"the cover is replaced\"}",
                                            handler,
                                            200))
                    .compose(
                            resulted ->
                                    post(
                                            cases,
                                            "check",
                                            path + "/check",
                                            "{\"passed\":true}",
                                            GRID_WORKER,
                                            200))
                    .compose(
                            closed ->
                                    post(
                                            cases,
                                            "evaluate",
                                            path + "/evaluation",
                                            "{\"satisfaction\":5}",
                                            GRID_WORKER,
                                            200))
                    .mapEmpty();
        }

        /**
         * Waits on the client's context for case-service's event of the step; its latency counts
         * from now (the previous command's answer) to the event's arrival. Gives the lead
         * department.
         */
        private Future<String> visible(
                Context context, String step, CompletableFuture<CaseEventWatch.Arrival> event) {
            var from = System.nanoTime();
            Promise<String> promise = Promise.promise();
            var timer =
                    vertx.setTimer(
                            STEP_TIMEOUT.toMillis(),
                            late -> {
                                if (promise.tryFail(
                                        new StepFailed(
                                                step + " not visible within " + STEP_TIMEOUT))) {
                                    error(step + " timed out");
                                }
                            });
            event.whenComplete(
                    (arrival, failure) ->
                            context.runOnContext(
                                    ignored -> {
                                        vertx.cancelTimer(timer);
                                        if (promise.future().isComplete()) {
                                            return;
                                        }
                                        latency(step, Math.max(0, arrival.nanos() - from));
                                        promise.complete(arrival.department());
                                    }));
            return promise.future();
        }

        private Future<HttpResponse<Buffer>> post(
                WebClient web, String step, String path, String body, String staff, int expected) {
            var t0 = System.nanoTime();
            var request = web.post(path).putHeader("Authorization", "Bearer " + Tokens.of(staff));
            var sent =
                    body == null
                            ? request.send()
                            : request.putHeader("Content-Type", "application/json")
                                    .sendBuffer(Buffer.buffer(body));
            return sent.transform(
                    answer -> {
                        if (answer.succeeded() && answer.result().statusCode() == expected) {
                            latency(step, System.nanoTime() - t0);
                            return Future.succeededFuture(answer.result());
                        }
                        var what =
                                answer.succeeded()
                                        ? answer.result().statusCode()
                                                + " "
                                                + answer.result().bodyAsString()
                                        : answer.cause().getClass().getSimpleName();
                        error(step + " " + what);
                        return Future.failedFuture(new StepFailed(step + " failed: " + what));
                    });
        }

        private void latency(String step, long nanos) {
            latencies.computeIfAbsent(step, s -> new ConcurrentLinkedQueue<>()).add(nanos);
        }

        private void error(String what) {
            var shortened = what.length() > 160 ? what.substring(0, 160) : what;
            errors.computeIfAbsent(shortened, k -> new LongAdder()).increment();
        }

        Run result(double seconds) {
            var sorted =
                    latencies.entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey,
                                            e -> {
                                                var values =
                                                        e.getValue().stream()
                                                                .mapToLong(Long::longValue)
                                                                .toArray();
                                                Arrays.sort(values);
                                                return values;
                                            }));
            return new Run(
                    clients,
                    seconds,
                    inTime.get(),
                    after.get(),
                    errors.entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey, e -> e.getValue().longValue())),
                    sorted);
        }
    }

    /** A step that failed, already counted among the errors. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message, null, false, false);
        }
    }

    /** A grid worker's report of a missing manhole cover somewhere in G07, photos off. */
    private static String report() {
        var random = ThreadLocalRandom.current();
        return String.format(
                Locale.ROOT,
                "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"%s\","
                        + "\"description\":\"loop benchmark\",\"longitude\":%.6f,\"latitude\":%.6f}",
                UUID.randomUUID(),
                CATEGORY,
                119.165 + (random.nextDouble() - 0.5) * 0.006,
                35.004 + (random.nextDouble() - 0.5) * 0.006);
    }

    /**
     * case-service's events as they reach its topic: a consumer from the topic's end, which
     * completes each watched case's wait for {@code case.dispatched} and {@code case.handling}. An
     * event that comes before its case is watched (the answer to a command may be later than its
     * event) waits in the same entry.
     */
    private static final class CaseEventWatch implements AutoCloseable {

        record Arrival(long nanos, String department) {}

        record Seen(CompletableFuture<Arrival> dispatched, CompletableFuture<Arrival> handling) {}

        private final Map<String, Seen> cases = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, String> consumer;
        private final Thread poller;
        private volatile boolean open = true;

        CaseEventWatch(Target target) {
            var settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafka());
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(settings);
            var partitions =
                    consumer.partitionsFor(target.caseEvents()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the end, fixed now: later events are ours
            poller = new Thread(this::poll, "loop-driver-case-events");
            poller.setDaemon(true);
            poller.start();
        }

        Seen expect(String caseId) {
            return cases.computeIfAbsent(caseId, id -> newSeen());
        }

        void forget(String caseId) {
            cases.remove(caseId);
        }

        private static Seen newSeen() {
            return new Seen(new CompletableFuture<>(), new CompletableFuture<>());
        }

        private void poll() {
            while (open) {
                for (var record : consumer.poll(Duration.ofMillis(20))) {
                    var now = System.nanoTime();
                    try {
                        JsonNode event = JSON.readTree(record.value());
                        var type = event.path("type").asText();
                        boolean dispatched = CaseTypes.DISPATCHED.is(type);
                        if (dispatched || CaseTypes.HANDLING.is(type)) {
                            var seen = cases.computeIfAbsent(record.key(), id -> newSeen());
                            var arrival =
                                    new Arrival(
                                            now,
                                            event.path("data").path("handlerDepartment").asText());
                            (dispatched ? seen.dispatched() : seen.handling()).complete(arrival);
                        }
                    } catch (Exception unreadable) {
                        // not an event of ours: the driver waits only for its own cases' steps
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            poller.join(5_000);
        }
    }
}
