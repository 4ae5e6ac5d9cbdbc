package cn.gridgov.grid.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Drives an asynchronous operation with a fixed number of requests in flight: a warm-up that is not
 * counted, then a measured window in which every completion's latency is recorded.
 */
final class LoadRun {

    record Result(
            String name,
            long operations,
            long errors,
            double seconds,
            double p50Millis,
            double p99Millis,
            double maxMillis) {

        double perSecond() {
            return operations / seconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-46s %9.0f /s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%d ops, %d errors, %.1f s)",
                    name,
                    perSecond(),
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    operations,
                    errors,
                    seconds);
        }
    }

    private LoadRun() {}

    /** {@code operation} gets a running sequence number and completes when the operation has. */
    static Result run(
            String name,
            int inFlight,
            Duration warmUp,
            Duration measured,
            LongFunction<CompletionStage<?>> operation)
            throws Exception {
        var sequence = new AtomicLong();
        var latencies = new long[5_000_000];
        var recorded = new AtomicInteger();
        var errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        var done = new CompletableFuture<Void>();
        var running = new AtomicInteger(inFlight);
        for (int i = 0; i < inFlight; i++) {
            next(
                    operation,
                    sequence,
                    latencies,
                    recorded,
                    errors,
                    measureFrom,
                    measureUntil,
                    running,
                    done);
        }
        done.get();
        int count = Math.min(recorded.get(), latencies.length);
        var sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new Result(
                name,
                count,
                errors.get(),
                measured.toNanos() / 1e9,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                count == 0 ? 0 : sorted[count - 1] / 1e6);
    }

    private static void next(
            LongFunction<CompletionStage<?>> operation,
            AtomicLong sequence,
            long[] latencies,
            AtomicInteger recorded,
            AtomicLong errors,
            long measureFrom,
            long measureUntil,
            AtomicInteger running,
            CompletableFuture<Void> done) {
        long began = System.nanoTime();
        if (began >= measureUntil) {
            if (running.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        CompletionStage<?> stage;
        try {
            stage = operation.apply(sequence.getAndIncrement());
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete(
                (ignored, failure) -> {
                    long ended = System.nanoTime();
                    if (began >= measureFrom && ended <= measureUntil) {
                        if (failure != null) {
                            errors.incrementAndGet();
                        } else {
                            int slot = recorded.getAndIncrement();
                            if (slot < latencies.length) {
                                latencies[slot] = ended - began;
                            }
                        }
                    }
                    next(
                            operation,
                            sequence,
                            latencies,
                            recorded,
                            errors,
                            measureFrom,
                            measureUntil,
                            running,
                            done);
                });
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
