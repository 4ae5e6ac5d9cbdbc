package cn.gridgov.dispatch.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency figures from a set of samples in milliseconds. */
record Percentiles(int count, double p50, double p90, double p99, double p999, double max) {

    static Percentiles of(double[] millis) {
        var sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length,
                at(sorted, 0.50),
                at(sorted, 0.90),
                at(sorted, 0.99),
                at(sorted, 0.999),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    String line(String label) {
        return String.format(
                Locale.ROOT,
                "%-44s n=%6d  p50=%7.2f  p90=%7.2f  p99=%7.2f  p99.9=%7.2f  max=%8.2f ms",
                label,
                count,
                p50,
                p90,
                p99,
                p999,
                max);
    }
}
