package cn.gridgov.cases.journey;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One service started from its packaged jar, as the run command starts it, with its log in target/.
 */
final class ServiceProcess implements AutoCloseable {

    private static final java.util.Map<String, String> DATABASES =
            java.util.Map.of(
                    "grid-service",
                    "grid_journey",
                    "case-service",
                    "cases_journey",
                    "dispatch-service",
                    "dispatch_journey");

    /**
     * The journey's own topics, so that a running system's backlog never reaches it, nor its events
     * the system.
     */
    static final String CASE_EVENTS = "case-events.journey";

    static final String DISPATCH_EVENTS = "dispatch-events.journey";
    private static final String GRID_EVENTS = "grid-events.journey";
    private static final java.util.Map<String, List<String>> TOPICS =
            java.util.Map.of(
                    "grid-service", List.of("mp.messaging.outgoing.outbox.topic=" + GRID_EVENTS),
                    "case-service",
                            List.of(
                                    "mp.messaging.outgoing.outbox.topic=" + CASE_EVENTS,
                                    "mp.messaging.incoming.dispatch-events.topic="
                                            + DISPATCH_EVENTS,
                                    "mp.messaging.incoming.grid-events.topic=" + GRID_EVENTS,
                                    "mp.messaging.incoming.evaluation-case-events.topics="
                                            + CASE_EVENTS,
                                    "mp.messaging.incoming.evaluation-dispatch-events.topics="
                                            + DISPATCH_EVENTS),
                    "dispatch-service",
                            List.of(
                                    "mp.messaging.outgoing.outbox.topic=" + DISPATCH_EVENTS,
                                    "mp.messaging.incoming.case-events.topic=" + CASE_EVENTS,
                                    "mp.messaging.incoming.grid-events.topic=" + GRID_EVENTS));

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    /**
     * Where the services find PostgreSQL and Kafka: the machine's own, or a pair a test starts,
     * stops and kills without disturbing anyone else ({@code FaultsJourneyIT}).
     */
    record Infra(int postgresPort, String kafka) {

        static final Infra SHARED = new Infra(5432, null);
    }

    ServiceProcess(String name, int port, String... properties) {
        this(name, port, Infra.SHARED, properties);
    }

    ServiceProcess(String name, int port, Infra infra, String... properties) {
        this.name = name;
        this.port = port;
        var jar = System.getProperty(name + ".jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException(
                    name + " is not packaged at " + jar + "; run the whole Maven build");
        }
        // The test profile, but on the journey's own databases, topics and consumer groups, so that
        // these processes never share state with a @QuarkusTest of the same service.
        // -D<service>.journey-database=… runs a journey on a database of one's own (another
        // branch's migrations
        // may have been applied to the shared one).
        var database = System.getProperty(name + ".journey-database", DATABASES.get(name));
        command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx384m",
                                "-Dquarkus.profile=test",
                                "-Dquarkus.http.port=" + port,
                                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:"
                                        + infra.postgresPort()
                                        + "/"
                                        + database,
                                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:"
                                        + infra.postgresPort()
                                        + "/"
                                        + database));
        if (infra.kafka() != null) {
            command.add("-Dkafka.bootstrap.servers=" + infra.kafka());
        }
        for (var property : TOPICS.get(name)) {
            command.add("-D" + property);
        }
        for (var property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", jar));
        log = Path.of("target", "journey-logs", name + "-" + port + ".log");
    }

    ServiceProcess start() throws IOException {
        Files.createDirectories(log.getParent());
        process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        return this;
    }

    void awaitReady(Duration timeout) throws Exception {
        var client = HttpClient.newHttpClient();
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name
                                + " exited with "
                                + process.exitValue()
                                + "; see "
                                + log.toAbsolutePath());
            }
            try {
                var response =
                        client.send(
                                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                name + " not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Kills the service outright (SIGKILL), as a power cut or the OOM killer would. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Stops the service the way an operator would (SIGTERM), and waits for it to be gone: longer
     * than the in-flight requests' grace (service-kit's {@code quarkus.shutdown.timeout}).
     */
    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** How a stop went: how long it took, and whether it waited out the requests' timeout. */
    record Stop(Duration took, boolean timedOut) {}

    /** {@link #close()}, answering how it went (read from the service's log). */
    Stop stop() throws InterruptedException {
        var start = System.nanoTime();
        long logBefore = log.toFile().length();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(45, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        var took = Duration.ofNanos(System.nanoTime() - start);
        try (var file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(logBefore, file.length()));
            var written = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(written);
            // Quarkus' words when the requests in flight were not all answered in time.
            return new Stop(
                    took,
                    new String(written, java.nio.charset.StandardCharsets.UTF_8)
                            .contains("Timed out waiting for graceful shutdown"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
