package cn.gridgov.cases.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole loop, over HTTP, with every request signed in: closed-loop clients (8, 32 and 64 by
 * default) drive cases through all eight steps ({@link LoopDriver}) and the benchmark prints cases
 * per second, each command's p50 and p99, the wait from acceptance to the routed case being visible
 * in case-service, and the CPU each process spent per case, beside the load average (the machine is
 * shared; CPU per case is the steadier figure).
 *
 * <p>By default it starts the three services itself from this checkout's packaged jars, on
 * databases and topics of their own ({@link BenchSystem}); {@code -Dbench.case-url=…
 * -Dbench.dispatch-url=… -Dbench.case-events=case-events.v1} drives a system already running
 * instead (such as {@code deploy/stack.sh start}'s). {@code -Dbench.smoke=true} runs a few seconds
 * with a few clients. It prints figures; it asserts nothing about speed.
 */
class LoopBenchmark {

    private static final boolean SMOKE = Boolean.getBoolean("bench.smoke");
    private static final List<Integer> CLIENTS =
            Arrays.stream(System.getProperty("bench.clients", SMOKE ? "4" : "8,32,64").split(","))
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .toList();
    private static final Duration MEASURE =
            Duration.ofSeconds(Long.getLong("bench.seconds", SMOKE ? 3 : 20));

    /**
     * A freshly started JVM on two cores compiles for minutes; figures taken then understate it.
     */
    private static final Duration WARMUP =
            Duration.ofSeconds(Long.getLong("bench.warmup-seconds", SMOKE ? 0 : 60));

    private static final String RUNNING_CASE_URL = System.getProperty("bench.case-url");

    @Test
    @DisplayName(
            "cases run through all eight steps over HTTP: cases per second, each command's p50 and p99,"
                    + " the routing wait and the CPU per case, printed")
    void wholeLoop() throws Exception {
        if (RUNNING_CASE_URL != null) {
            var target =
                    new LoopDriver.Target(
                            RUNNING_CASE_URL,
                            System.getProperty("bench.dispatch-url", "http://127.0.0.1:8083"),
                            BenchSystem.KAFKA,
                            System.getProperty("bench.case-events", "case-events.v1"));
            measure(target, ProcessCpu::read);
            return;
        }
        try (var system = BenchSystem.start()) {
            var target =
                    new LoopDriver.Target(
                            BenchSystem.caseUrl(),
                            BenchSystem.dispatchUrl(),
                            BenchSystem.KAFKA,
                            BenchSystem.CASE_EVENTS);
            var pids = system.pids();
            Set<String> databases = BenchSystem.databases();
            measure(target, () -> ProcessCpu.read(pids, databases));
        }
    }

    private interface CpuReading {
        ProcessCpu read();
    }

    private static void measure(LoopDriver.Target target, CpuReading cpu) throws Exception {
        var driver = new LoopDriver(target);
        System.out.printf(
                Locale.ROOT,
                "%n==== the whole loop over HTTP (%s, commit %s, %s) ====%n",
                Instant.now(),
                commit(),
                target.caseUrl());
        if (!WARMUP.isZero()) {
            var before = cpu.read();
            var warm = driver.run(CLIENTS.get(CLIENTS.size() / 2), WARMUP);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %ds, %.0f cases/s, JIT compilers %.0f %% of the CPU%n",
                    WARMUP.toSeconds(),
                    warm.casesPerSecond(),
                    100 * cpu.read().since(before).jitShare());
        }
        for (int clients : CLIENTS) {
            var loadBefore = loadAverage();
            var before = cpu.read();
            var run = driver.run(clients, MEASURE);
            var used = cpu.read().since(before);
            long cases = run.casesInTime() + run.casesAfter();
            System.out.printf(
                    Locale.ROOT,
                    """

                    -- %d clients, %ds (load average %s before, %s after) --
                    cases through all eight steps    : %8.1f /s  (%d in time, %d finished after, %d errors%s)
                    latency p50 / p99 / max (count)  : (targets: each command p99 < 100 ms, routed visible p99 < 200 ms)
                    %s
                    CPU per case, ms                 : %s
                    """,
                    clients,
                    MEASURE.toSeconds(),
                    loadBefore,
                    loadAverage(),
                    run.casesPerSecond(),
                    run.casesInTime(),
                    run.casesAfter(),
                    run.errorCount(),
                    run.errors().isEmpty() ? "" : ": " + run.errors(),
                    run.latencyTable(),
                    used.perItem(cases));
        }
    }

    private static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception noProc) {
            return "unknown";
        }
    }

    private static String commit() {
        try {
            var git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
            var out = new String(git.getInputStream().readAllBytes()).trim();
            git.waitFor();
            return out.isEmpty() ? "unknown" : out;
        } catch (Exception noGit) {
            return "unknown";
        }
    }
}
