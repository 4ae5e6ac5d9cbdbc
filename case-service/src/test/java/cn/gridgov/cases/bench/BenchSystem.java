package cn.gridgov.cases.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The three services started from this checkout's packaged jars for a benchmark, as {@code
 * deploy/stack.sh start} starts them (production profile, demo town), but on ports, databases,
 * topics and consumer groups of their own ({@code *_bench}, {@code *.bench}), so that what a
 * benchmark measures is this build, alone on its tables, and a running system or a test shares
 * nothing with it. The databases are made by {@code deploy/stack.sh infra} (or {@code
 * -D<service>.bench-database=…} names others); the topics are made here when missing.
 */
final class BenchSystem implements AutoCloseable {

    static final String KAFKA = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");

    /**
     * The suffix of the topics and consumer groups ({@code -Dbench.name=…}): two benchmarks run at
     * once on one broker need a name each.
     */
    private static final String NAME = System.getProperty("bench.name", "bench");

    static final String CASE_EVENTS = "case-events." + NAME;
    private static final String DISPATCH_EVENTS = "dispatch-events." + NAME;
    private static final String GRID_EVENTS = "grid-events." + NAME;
    private static final String STAFF_LOCATIONS = "staff-locations." + NAME;
    private static final int PARTITIONS = 6;

    /** The services listen on this plus 1, 2 and 3 ({@code -Dbench.port-base=…}). */
    private static final int PORT_BASE = Integer.getInteger("bench.port-base", 38080);

    private static final int GRID_PORT = PORT_BASE + 1;
    private static final int CASE_PORT = PORT_BASE + 2;
    private static final int DISPATCH_PORT = PORT_BASE + 3;

    private final Map<String, Process> processes = new LinkedHashMap<>();

    static String caseUrl() {
        return "http://127.0.0.1:" + CASE_PORT;
    }

    static String dispatchUrl() {
        return "http://127.0.0.1:" + DISPATCH_PORT;
    }

    /** The databases the services run on, for counting their PostgreSQL backends' CPU. */
    static Set<String> databases() {
        return Set.of(
                database("grid-service"), database("case-service"), database("dispatch-service"));
    }

    static BenchSystem start() throws Exception {
        createTopics();
        var system = new BenchSystem();
        try {
            var grid = "http://127.0.0.1:" + GRID_PORT;
            system.launch(
                    "grid-service",
                    GRID_PORT,
                    "gridgov.demo-town.enabled=true",
                    "mp.messaging.outgoing.outbox.topic=" + GRID_EVENTS,
                    "mp.messaging.incoming.staff-locations.topic=" + STAFF_LOCATIONS,
                    "mp.messaging.incoming.staff-locations.group.id=grid-service-" + NAME);
            system.launch(
                    "dispatch-service",
                    DISPATCH_PORT,
                    "mp.messaging.outgoing.outbox.topic=" + DISPATCH_EVENTS,
                    "mp.messaging.incoming.case-events.topic=" + CASE_EVENTS,
                    "mp.messaging.incoming.case-events.group.id=dispatch-service-" + NAME,
                    "mp.messaging.incoming.grid-events.topic=" + GRID_EVENTS,
                    "mp.messaging.incoming.grid-events.group.id=dispatch-service-grid-" + NAME,
                    "quarkus.rest-client.grid-service.url=" + grid,
                    "quarkus.rest-client.case-service.url=" + caseUrl());
            system.launch(
                    "case-service",
                    CASE_PORT,
                    "gridgov.grid-service.url=" + grid,
                    "mp.messaging.outgoing.outbox.topic=" + CASE_EVENTS,
                    "mp.messaging.incoming.dispatch-events.topic=" + DISPATCH_EVENTS,
                    "mp.messaging.incoming.dispatch-events.group.id=case-service-" + NAME,
                    "mp.messaging.incoming.reported-cases.group.id=case-service-repeats-" + NAME,
                    "mp.messaging.incoming.grid-events.topic=" + GRID_EVENTS,
                    "mp.messaging.incoming.evaluation-case-events.topics=" + CASE_EVENTS,
                    "mp.messaging.incoming.evaluation-case-events.group.id=case-service-evaluation-cases-"
                            + NAME,
                    "mp.messaging.incoming.evaluation-dispatch-events.topics=" + DISPATCH_EVENTS,
                    "mp.messaging.incoming.evaluation-dispatch-events.group.id=case-service-evaluation-dispatch-"
                            + NAME);
            for (var port : List.of(GRID_PORT, DISPATCH_PORT, CASE_PORT)) {
                system.awaitReady(port, Duration.ofMinutes(6));
            }
            return system;
        } catch (Exception failed) {
            system.close();
            throw failed;
        }
    }

    /** Each service's process id, for reading its CPU. */
    Map<Long, String> pids() {
        var pids = new LinkedHashMap<Long, String>();
        processes.forEach((name, process) -> pids.put(process.pid(), name));
        return pids;
    }

    private static String database(String service) {
        var fallback =
                switch (service) {
                    case "grid-service" -> "grid_bench";
                    case "case-service" -> "cases_bench";
                    default -> "dispatch_bench";
                };
        return System.getProperty(service + ".bench-database", fallback);
    }

    private static Path jar(String service) {
        // Benchmarks run in case-service's directory; the siblings are beside it.
        return Path.of("..", service, "target", "quarkus-app", "quarkus-run.jar")
                .toAbsolutePath()
                .normalize();
    }

    private void launch(String service, int port, String... properties) throws IOException {
        var jar = jar(service);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    service
                            + " is not packaged at "
                            + jar
                            + "; package the services first (see the README's Benchmark section)");
        }
        var database = database(service);
        var command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                System.getProperty("bench.service-heap", "-Xmx512m"),
                                "-Dquarkus.http.port=" + port,
                                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/"
                                        + database,
                                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/"
                                        + database,
                                "-Dkafka.bootstrap.servers=" + KAFKA,
                                // a loaded machine hands out connections slowly at start
                                "-Dquarkus.datasource.jdbc.acquisition-timeout=PT60S"));
        for (var property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", jar.toString()));
        var log = Path.of("target", "bench-logs", service + ".log");
        Files.createDirectories(log.getParent());
        processes.put(
                service,
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start());
    }

    private void awaitReady(int port, Duration timeout) throws Exception {
        var client = HttpClient.newHttpClient();
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (var entry : processes.entrySet()) {
                if (!entry.getValue().isAlive()) {
                    throw new IllegalStateException(
                            entry.getKey()
                                    + " exited; see target/bench-logs/"
                                    + entry.getKey()
                                    + ".log");
                }
            }
            try {
                var ready =
                        client.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/q/health/ready"))
                                        .build(),
                                BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("port " + port + " not ready within " + timeout);
    }

    private static void createTopics() throws Exception {
        var settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        try (var admin = Admin.create(settings)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = new ArrayList<NewTopic>();
            for (var topic : List.of(CASE_EVENTS, DISPATCH_EVENTS, GRID_EVENTS, STAFF_LOCATIONS)) {
                for (var name : List.of(topic, topic + ".dlq")) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, PARTITIONS, (short) 1));
                    }
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Stops the services as an operator would, and waits for them to be gone. */
    @Override
    public void close() throws InterruptedException {
        for (var process : processes.values()) {
            process.destroy();
        }
        for (var process : processes.values()) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
