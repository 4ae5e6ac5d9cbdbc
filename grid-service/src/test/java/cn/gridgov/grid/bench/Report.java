package cn.gridgov.grid.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Prints benchmark figures and appends them to target/benchmark-results.txt, so a run leaves a
 * record.
 */
final class Report {

    private Report() {}

    /** The 1-minute load average: the machine is shared, and the figures mean little without it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void print(
            String title, LoadRun.Result baseline, LoadRun.Result measured, String verdict)
            throws IOException {
        var text =
                new StringBuilder()
                        .append("\n=== ")
                        .append(title)
                        .append(" — ")
                        .append(Instant.now())
                        .append('\n')
                        .append("  baseline  ")
                        .append(baseline.line())
                        .append('\n')
                        .append("  measured  ")
                        .append(measured.line())
                        .append('\n')
                        .append("  ")
                        .append(verdict)
                        .append('\n');
        System.out.print(text);
        Files.writeString(
                Path.of("target", "benchmark-results.txt"),
                text,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
