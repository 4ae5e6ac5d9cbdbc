package cn.gridgov.dispatch.bench;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.CaseEvents;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * From case.accepted on Kafka to dispatch.routed on Kafka, at a steady 500 cases/s, beside the raw
 * Kafka round trip (produce → consume, same clients, same rate) measured in the same run. Run with
 * {@code ./mvnw -B test -pl dispatch-service -Pbench}; it prints figures and asserts nothing.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
class RoutingBenchmark {

    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 5);
    static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    @DisplayName("routing latency at 500 cases/s beside the raw Kafka round trip")
    void routingLatency() throws Exception {
        try (var tail = new Tail(bootstrap)) {
            run("warm-up (discarded)", tail, WARMUP_SECONDS, this::caseAccepted);
            var baseline = run("baseline: Kafka produce->consume", tail, SECONDS, this::ping);
            var routing =
                    run("case.accepted -> dispatch.routed", tail, SECONDS, this::caseAccepted);
            System.out.printf(
                    Locale.ROOT,
                    "%n== Routing benchmark: %d/s for %d s, %d cores ==%n",
                    RATE,
                    SECONDS,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(baseline.line("baseline: Kafka produce->consume"));
            System.out.println(routing.line("case.accepted -> dispatch.routed"));
            System.out.printf(
                    Locale.ROOT,
                    "target p99 < 50 ms at %d/s: %s (p99 %.2f ms, %d of %d routed)%n%n",
                    RATE,
                    routing.p99() < 50 && routing.count() == RATE * SECONDS ? "MET" : "NOT MET",
                    routing.p99(),
                    routing.count(),
                    RATE * SECONDS);
        }
    }

    /**
     * One message to send: the record key, the value, and the id the answer will carry as subject.
     */
    record Outgoing(String topic, String key, String value) {}

    private Outgoing caseAccepted() {
        var snapshot = Snapshot.of("0101", "G07");
        return new Outgoing(
                BenchProfile.CASE_TOPIC,
                snapshot.id(),
                CaseEvents.event(UUID.randomUUID(), CaseTypes.ACCEPTED, snapshot));
    }

    private Outgoing ping() {
        var id = UUID.randomUUID().toString();
        return new Outgoing(
                BenchProfile.DISPATCH_TOPIC,
                id,
                """
                {"specversion":"1.0","id":"%s","type":"bench.ping","subject":"%s","data":{}}"""
                        .formatted(id, id));
    }

    private Percentiles run(
            String label, Tail tail, int seconds, java.util.function.Supplier<Outgoing> next)
            throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        int total = RATE * seconds;
        var prepared = new Outgoing[total];
        for (int i = 0; i < total; i++) {
            prepared[i] = next.get();
        }
        tail.expect(total);
        var sent = new AtomicInteger();
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            var pacer = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = 1_000_000_000L / RATE;
            pacer.scheduleAtFixedRate(
                    () -> {
                        int i = sent.getAndIncrement();
                        if (i >= total) {
                            return;
                        }
                        var out = prepared[i];
                        tail.sentAt(out.key(), System.nanoTime());
                        producer.send(new ProducerRecord<>(out.topic(), out.key(), out.value()));
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 30).toNanos();
            while (tail.received() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            pacer.shutdownNow();
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d sent, %d answered%n",
                label,
                Math.min(sent.get(), total),
                tail.received());
        return Percentiles.of(tail.latencies());
    }

    /**
     * Reads dispatch-bench.v1 on its own thread and matches answers to what was sent, by subject.
     */
    static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Tail(String bootstrap) {
            var props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            var partitions =
                    consumer.partitionsFor(BenchProfile.DISPATCH_TOPIC).stream()
                            .map(
                                    info ->
                                            new TopicPartition(
                                                    BenchProfile.DISPATCH_TOPIC, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(this::loop, "bench-tail");
            thread.start();
        }

        void expect(int count) {
            sentAt.clear();
            latencies.clear();
        }

        void sentAt(String subject, long nanos) {
            sentAt.put(subject, nanos);
        }

        int received() {
            return latencies.size();
        }

        double[] latencies() {
            return latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private void loop() {
            while (!stop.get()) {
                for (var record : consumer.poll(Duration.ofMillis(5))) {
                    long now = System.nanoTime();
                    try {
                        var event = JSON.readTree(record.value());
                        var type = event.path("type").asText();
                        if (!type.equals(DispatchTypes.ROUTED.name())
                                && !type.equals("bench.ping")) {
                            continue;
                        }
                        var sent = sentAt.remove(event.path("subject").asText());
                        if (sent != null) {
                            latencies.add((now - sent) / 1_000_000.0);
                        }
                    } catch (Exception ignored) {
                        // not ours
                    }
                }
            }
            consumer.close();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(5000);
        }
    }
}
