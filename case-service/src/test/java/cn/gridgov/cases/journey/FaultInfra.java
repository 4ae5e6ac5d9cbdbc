package cn.gridgov.cases.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The fault test's own PostgreSQL cluster and Kafka broker, run by {@code deploy/faults.sh}: the
 * test kills the broker and stops PostgreSQL, which must never reach the stack or anyone else's
 * tests on the machine.
 */
final class FaultInfra implements AutoCloseable {

    static final ServiceProcess.Infra INFRA = new ServiceProcess.Infra(25432, "127.0.0.1:29092");
    private static final Path SCRIPT = Path.of("..", "deploy", "faults.sh");
    private static final Path LOG = Path.of("target", "journey-logs", "fault-infra.log");

    private FaultInfra() {}

    static FaultInfra up() throws Exception {
        run("up");
        return new FaultInfra();
    }

    void killKafka() throws Exception {
        run("kill-kafka");
    }

    void startKafka() throws Exception {
        run("start-kafka");
    }

    void stopPostgres() throws Exception {
        run("stop-postgres");
    }

    void startPostgres() throws Exception {
        run("start-postgres");
    }

    static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + INFRA.postgresPort() + "/" + database;
    }

    @Override
    public void close() throws Exception {
        run("down");
    }

    private static void run(String command) throws IOException, InterruptedException {
        Files.createDirectories(LOG.getParent());
        var process =
                new ProcessBuilder("bash", SCRIPT.toString(), command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
                        .start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "deploy/faults.sh " + command + " failed; see " + LOG.toAbsolutePath());
        }
    }
}
