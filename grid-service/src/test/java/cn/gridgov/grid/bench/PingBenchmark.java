package cn.gridgov.grid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.staff.LocationStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Location pings of 200 bench staff: over HTTP and through staff-locations.v1, beside the raw rate
 * of the same upsert run straight against PostgreSQL in the same run. Every ping is newer than the
 * last, so every one is a real update. Run with {@code ./mvnw -B -Pbench test -pl grid-service}.
 */
@QuarkusTest
class PingBenchmark {

    private static final int KAFKA_PINGS = Integer.getInteger("bench.kafka-pings", 100_000);

    @Inject Pool pool;

    @Inject AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /**
     * The topic this run's consumer reads (the tests' own, staff-locations.test), not the system's.
     */
    @ConfigProperty(name = "mp.messaging.incoming.staff-locations.topic")
    String staffLocationsTopic;

    /**
     * Bench staff of their own, so the demo town's people keep the locations other tests expect.
     */
    private final String[] staff =
            java.util.stream.IntStream.rangeClosed(1, 200)
                    .mapToObj(i -> String.format(Locale.ROOT, "BS-%03d", i))
                    .toArray(String[]::new);

    @org.junit.jupiter.api.BeforeEach
    void benchStaff() throws Exception {
        removeBenchStaff();
        try (var connection = dataSource.getConnection();
                var insert =
                        connection.prepareStatement(
                                "insert into staff (id, name, on_duty) values (?, ?, true)")) {
            for (var id : staff) {
                insert.setString(1, id);
                insert.setString(2, "基准" + id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void removeBenchStaff() throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("delete from staff where id like 'BS-%'");
        }
    }

    @Test
    @DisplayName(
            "location pings: accepted per second over HTTP and from Kafka beside the raw upsert rate")
    void pingThroughput() throws Exception {
        // Every ping of the run is newer than anything stored and than the ping before it, so each
        // one is a
        // real update; all stay in the past, where the service accepts them.
        var clock = new AtomicLong(startMicros());
        var raw =
                LoadRun.run(
                        "raw PostgreSQL, the single-ping statement",
                        LocateBenchmark.IN_FLIGHT,
                        LocateBenchmark.WARM_UP,
                        LocateBenchmark.MEASURED,
                        i ->
                                pool.preparedQuery(LocationStore.UPSERT_ONE)
                                        .execute(
                                                Tuple.of(
                                                        staff[(int) (i % staff.length)],
                                                        119.1 + (i % 800) * 1e-4,
                                                        35.0 + (i % 480) * 1e-4,
                                                        5.0,
                                                        OffsetDateTime.ofInstant(
                                                                micros(clock.incrementAndGet()),
                                                                ZoneOffset.UTC)))
                                        .subscribeAsCompletionStage());

        // The client gets event loops of its own, as it would in another process, instead of the
        // server's.
        var clientVertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2));
        var client =
                clientVertx.createHttpClient(
                        new HttpClientOptions()
                                .setDefaultHost("127.0.0.1")
                                .setDefaultPort(port)
                                .setKeepAlive(true)
                                .setMaxPoolSize(LocateBenchmark.IN_FLIGHT));
        // The bench staff are no users of the identity provider: the pings come relayed, with the
        // services' token.
        var authorization = "Bearer " + cn.gridgov.kit.testing.Tokens.service();
        var http =
                LoadRun.run(
                        "HTTP POST /api/v1/staff/{id}/location",
                        LocateBenchmark.IN_FLIGHT,
                        LocateBenchmark.WARM_UP,
                        LocateBenchmark.MEASURED,
                        i -> {
                            var body =
                                    ping(
                                            staff[(int) (i % staff.length)],
                                            i,
                                            micros(clock.incrementAndGet()));
                            return client.request(
                                            HttpMethod.POST,
                                            "/api/v1/staff/"
                                                    + staff[(int) (i % staff.length)]
                                                    + "/location")
                                    .compose(
                                            request ->
                                                    request.putHeader(
                                                                    "Content-Type",
                                                                    "application/json")
                                                            .putHeader(
                                                                    "Authorization", authorization)
                                                            .send(Buffer.buffer(body)))
                                    .compose(
                                            response ->
                                                    response.body()
                                                            .map(
                                                                    ignored -> {
                                                                        if (response.statusCode()
                                                                                != 202) {
                                                                            throw new IllegalStateException(
                                                                                    "ping answered "
                                                                                            + response
                                                                                                    .statusCode());
                                                                        }
                                                                        return response;
                                                                    }))
                                    .toCompletionStage();
                        });
        client.close();
        clientVertx.close();
        var httpFrom = micros(clock.get() - staff.length * 4L);
        assertThat(appliedSince(httpFrom))
                .as("staff whose latest location is one of the last HTTP pings")
                .isEqualTo(staff.length);

        var kafka = throughKafka(micros(clock.get() + 1));
        Report.print(
                "location pings of "
                        + staff.length
                        + " staff ("
                        + LocateBenchmark.IN_FLIGHT
                        + " in flight, "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, load average "
                        + Report.loadAverage()
                        + ")",
                raw,
                http,
                String.format(
                        Locale.ROOT,
                        "%s: %d pings applied in %.1f s = %.0f /s, batch upserts; target >= 2,000 /s",
                        staffLocationsTopic,
                        KAFKA_PINGS,
                        kafka,
                        KAFKA_PINGS / kafka));
        assertThat(http.errors()).isZero();
    }

    /**
     * Seconds from the first ping sent until the last round of pings is visible in the database.
     */
    private double throughKafka(Instant base) throws Exception {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        int lastRound = KAFKA_PINGS - staff.length;
        var lastRoundFrom = base.plusNanos(lastRound * 1_000L);
        var payloads = new String[KAFKA_PINGS];
        for (int i = 0; i < KAFKA_PINGS; i++) {
            var id = staff[i % staff.length];
            var at = base.plusNanos(i * 1_000L);
            payloads[i] =
                    "{\"specversion\":\"1.0\",\"id\":\""
                            + UUID.randomUUID()
                            + "\",\"source\":\"/gridgov/bench\",\"type\":\""
                            + GridTypes.STAFF_LOCATION.name()
                            + "\",\"subject\":\""
                            + id
                            + "\",\"time\":\""
                            + at
                            + "\",\"datacontenttype\":\"application/json\",\"dataschema\":\""
                            + GridTypes.STAFF_LOCATION.dataschema()
                            + "\",\"data\":"
                            + ping(id, i, at)
                            + "}";
        }
        long start = System.nanoTime();
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < KAFKA_PINGS; i++) {
                producer.send(
                        new ProducerRecord<>(
                                staffLocationsTopic, staff[i % staff.length], payloads[i]));
            }
        }
        while (System.nanoTime() - start < Duration.ofMinutes(5).toNanos()) {
            if (appliedSince(lastRoundFrom) >= staff.length) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "the pings sent to "
                        + staffLocationsTopic
                        + " were not all applied within 5 minutes");
    }

    private int appliedSince(Instant from) throws Exception {
        try (var connection = dataSource.getConnection();
                var query =
                        connection.prepareStatement(
                                "select count(*) from staff_location where at >= ? and staff_id like 'BS-%'")) {
            query.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Microseconds since the epoch to start from: after every stored ping, and a few minutes back.
     */
    private long startMicros() throws Exception {
        try (var connection = dataSource.getConnection();
                var rows =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "select coalesce(extract(epoch from max(at)) * 1000000, 0)::bigint from staff_location")) {
            rows.next();
            long latest = rows.getLong(1) + 1_000;
            long recent = Instant.now().minus(Duration.ofMinutes(4)).toEpochMilli() * 1_000;
            return Math.max(latest, recent);
        }
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    private static String ping(String id, long i, Instant at) {
        return String.format(
                Locale.ROOT,
                "{\"staffId\":\"%s\",\"longitude\":%.6f,\"latitude\":%.6f,\"accuracyMeters\":5,\"at\":\"%s\"}",
                id,
                119.1 + (i % 800) * 1e-4,
                35.0 + (i % 480) * 1e-4,
                at);
    }
}
