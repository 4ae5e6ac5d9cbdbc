package cn.gridgov.bench.flowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The full loop on Flowable, in a closed loop of 8, 32 and 64 clients as the system's LoopBenchmark
 * drives it: each client runs one case through its eight steps, then the next. Prints, per number
 * of clients, cases per second, case and routing latency, and per case the SQL statements, commits,
 * rows written and bytes of lasting history, each a difference of counters over the measured
 * seconds.
 *
 * <p>Settings (system properties): peer.jdbc, peer.user, peer.password, peer.clients (8,32,64),
 * peer.warmup-seconds (10), peer.seconds (20), peer.pool (20 connections).
 */
public final class FlowablePeer {

    private static final String JDBC =
            System.getProperty("peer.jdbc", "jdbc:postgresql://127.0.0.1:5432/flowable_peer");
    private static final String USER = System.getProperty("peer.user", "gridgov");
    private static final String PASSWORD = System.getProperty("peer.password", "gridgov");
    private static final int[] CLIENTS =
            Arrays.stream(System.getProperty("peer.clients", "8,32,64").split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray();
    private static final long WARMUP_SECONDS = Long.getLong("peer.warmup-seconds", 10);
    private static final long MEASURED_SECONDS = Long.getLong("peer.seconds", 20);
    private static final int POOL = Integer.getInteger("peer.pool", 20);

    public static void main(String[] args) throws Exception {
        StatementCounter counter = new StatementCounter();
        ProcessEngine engine = start(counter);
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addClasspathResource("grid-case.bpmn20.xml")
                    .deploy();
            System.out.printf(
                    "Flowable %s: history audit, async executor on, SLA timer on handle,"
                            + " StrongUuidGenerator, %d connections, %s%n",
                    ProcessEngine.VERSION, POOL, JDBC);
            AtomicLong caseNumbers = new AtomicLong();
            for (int clients : CLIENTS) {
                System.out.println(measure(engine, counter, caseNumbers, clients));
            }
        } finally {
            engine.close();
        }
    }

    private static ProcessEngine start(StatementCounter counter) {
        PooledDataSource pool = new PooledDataSource("org.postgresql.Driver", JDBC, USER, PASSWORD);
        pool.setPoolMaximumActiveConnections(POOL);
        pool.setPoolMaximumIdleConnections(POOL);
        StandaloneProcessEngineConfiguration configuration =
                new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(counter.watch(pool));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistoryLevel(HistoryLevel.AUDIT);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setAsyncExecutorActivate(true);
        configuration.setBeans(Map.of("routing", new Routing()));
        // Neither its user store nor its event registry takes part in the loop.
        configuration.setDisableIdmEngine(true);
        configuration.setDisableEventRegistry(true);
        return configuration.buildProcessEngine();
    }

    private static String measure(
            ProcessEngine engine, StatementCounter counter, AtomicLong caseNumbers, int clients)
            throws Exception {
        long from = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
        long until = from + TimeUnit.SECONDS.toNanos(MEASURED_SECONDS);
        ConcurrentLinkedQueue<CaseLoop.Timing> timings = new ConcurrentLinkedQueue<>();
        LongAdder errors = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CaseLoop loop = new CaseLoop(engine, caseNumbers);
            Thread thread = new Thread(client(loop, from, until, timings, errors), "client-" + i);
            thread.start();
            threads.add(thread);
        }
        sleepUntil(from);
        long statementsBefore = counter.statements();
        DatabaseCounters before = DatabaseCounters.read(JDBC, USER, PASSWORD);
        sleepUntil(until);
        long statements = counter.statements() - statementsBefore;
        DatabaseCounters during = DatabaseCounters.read(JDBC, USER, PASSWORD).since(before);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] cases = timings.stream().mapToLong(CaseLoop.Timing::caseNanos).sorted().toArray();
        long[] routing =
                timings.stream().mapToLong(CaseLoop.Timing::routingNanos).sorted().toArray();
        // No case finished in the measured seconds: no per-case figure.
        double n = cases.length == 0 ? Double.NaN : cases.length;
        return String.format(
                "PEER clients=%d cases=%d cases_per_s=%.1f case_p50_ms=%.0f case_p99_ms=%.0f"
                        + " routing_p50_ms=%.1f routing_p99_ms=%.1f statements_per_case=%.0f"
                        + " commits_per_case=%.1f rows_written_per_case=%.0f"
                        + " history_bytes_per_case=%.0f errors=%d",
                clients,
                cases.length,
                cases.length / (double) MEASURED_SECONDS,
                millis(cases, 0.50),
                millis(cases, 0.99),
                millis(routing, 0.50),
                millis(routing, 0.99),
                statements / n,
                during.commits() / n,
                during.rowsWritten() / n,
                during.historyBytes() / n,
                errors.sum());
    }

    /**
     * Runs cases one after the other until the end, keeping the timings of those that end in the
     * measured seconds.
     */
    private static Runnable client(
            CaseLoop loop,
            long from,
            long until,
            ConcurrentLinkedQueue<CaseLoop.Timing> timings,
            LongAdder errors) {
        return () -> {
            while (System.nanoTime() < until) {
                try {
                    CaseLoop.Timing timing = loop.run();
                    long end = System.nanoTime();
                    if (end >= from && end < until) {
                        timings.add(timing);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The first failure is shown, the others only counted.
                    if (errors.sum() == 0) {
                        e.printStackTrace();
                    }
                    errors.increment();
                }
            }
        };
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]
                / 1e6;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
