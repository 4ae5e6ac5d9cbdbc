package cn.gridgov.cases.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time the parts of the system have used, read from Linux's /proc: each service (by its jar),
 * Kafka, PostgreSQL, this load generator, and the JIT compilers of all the JVMs among them, so a
 * figure taken while the JIT is still busy shows it. Empty where there is no /proc.
 *
 * <p>A reading holds each process's ticks ("part@pid"); {@link #since} turns two readings into each
 * part's use between them, counting only processes alive at the second (one that ended meanwhile,
 * as a closed connection's PostgreSQL backend does, would otherwise subtract its whole life).
 */
record ProcessCpu(Map<String, Long> ticks) {

    /** Linux's USER_HZ, the unit of /proc's CPU times; 100 on every common kernel. */
    private static final double TICKS_PER_MILLI = 0.1;

    private static final String JIT = "JIT compilers";

    static ProcessCpu read() {
        return read(ProcessCpu::part);
    }

    /**
     * As {@link #read()}, but the services are the given processes only, and PostgreSQL's backends
     * only those of the given databases (with the cluster's own processes: WAL writer,
     * checkpointer, autovacuum): on a machine where other systems run beside the measured one.
     */
    static ProcessCpu read(Map<Long, String> services, Set<String> databases) {
        return read(process -> part(process, services, databases));
    }

    private static ProcessCpu read(Function<Path, String> partOf) {
        var ticks = new TreeMap<String, Long>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(
                            p -> {
                                var part = partOf.apply(p);
                                if (part != null) {
                                    var pid = "@" + p.getFileName();
                                    ticks.put(part + pid, ticks(p.resolve("stat")));
                                    ticks.put(JIT + pid, compilerTicks(p));
                                }
                            });
        } catch (IOException | RuntimeException unreadable) {
            return new ProcessCpu(Map.of());
        }
        return new ProcessCpu(ticks);
    }

    /** Each part's ticks between the reading {@code before} and this one. */
    ProcessCpu since(ProcessCpu before) {
        var used = new TreeMap<String, Long>();
        ticks.forEach(
                (process, now) ->
                        used.merge(
                                process.substring(0, process.lastIndexOf('@')),
                                now - before.ticks().getOrDefault(process, 0L),
                                Long::sum));
        return new ProcessCpu(used);
    }

    String perItem(long items) {
        if (ticks.isEmpty() || items == 0) {
            return "(no /proc here)";
        }
        var parts =
                ticks.entrySet().stream()
                        .filter(e -> !e.getKey().equals(JIT))
                        .map(
                                e ->
                                        String.format(
                                                Locale.ROOT,
                                                "%s %.2f",
                                                e.getKey(),
                                                e.getValue() / TICKS_PER_MILLI / items))
                        .collect(Collectors.joining(", "));
        var total =
                ticks.entrySet().stream()
                        .filter(e -> !e.getKey().equals(JIT))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        return String.format(
                Locale.ROOT,
                "%s; all %.2f, of which the JVMs' JIT compilers %.2f",
                parts,
                total / TICKS_PER_MILLI / items,
                ticks.getOrDefault(JIT, 0L) / TICKS_PER_MILLI / items);
    }

    /** Milliseconds of one process's CPU per item (0 where /proc cannot be read). */
    double millisPerItem(String process, long items) {
        return items == 0 ? 0 : ticks.getOrDefault(process, 0L) / TICKS_PER_MILLI / items;
    }

    /**
     * How many CPUs the counted processes kept busy on average over {@code window}, the time these
     * ticks were used in.
     */
    double cores(Duration window) {
        long all =
                ticks.entrySet().stream()
                        .filter(e -> !e.getKey().equals(JIT))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        return all / TICKS_PER_MILLI / window.toMillis();
    }

    /** The JIT compilers' share of all the CPU counted, 0 where there is no /proc. */
    double jitShare() {
        long all =
                ticks.entrySet().stream()
                        .filter(e -> !e.getKey().equals(JIT))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        return all == 0 ? 0 : (double) ticks.getOrDefault(JIT, 0L) / all;
    }

    private static String part(Path process, Map<Long, String> services, Set<String> databases) {
        var service = services.get(Long.parseLong(process.getFileName().toString()));
        if (service != null) {
            return service;
        }
        var part = part(process);
        if (part == null || part.endsWith("-service")) {
            return null;
        }
        if (part.equals("PostgreSQL") && !ofDatabases(process, databases)) {
            return null;
        }
        return part;
    }

    /**
     * A backend's command line names its user and database ("postgres: 15/main: gridgov cases
     * 127.0.0.1(5432) idle"); the cluster's own processes name none.
     */
    private static boolean ofDatabases(Path process, Set<String> databases) {
        try {
            var words =
                    Files.readString(process.resolve("cmdline"))
                            .replace('\0', ' ')
                            .trim()
                            .split("\\s+");
            return words.length < 5 || !words[3].matches("[a-z_]+") || databases.contains(words[3]);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    private static String part(Path process) {
        String command;
        try {
            command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
        } catch (IOException | RuntimeException gone) {
            return null;
        }
        if (ProcessHandle.current().pid() == Long.parseLong(process.getFileName().toString())) {
            return "load generator";
        }
        for (var service : new String[] {"grid-service", "case-service", "dispatch-service"}) {
            if (command.contains(service + "/target/quarkus-app")) {
                return service;
            }
        }
        if (command.contains("kafka.Kafka ")) {
            return "Kafka";
        }
        if (command.startsWith("postgres") || command.contains("/bin/postgres ")) {
            return "PostgreSQL";
        }
        return null;
    }

    /** utime + stime of a process or thread. */
    private static long ticks(Path stat) {
        try {
            var fields = Files.readString(stat);
            var afterName = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(afterName[11]) + Long.parseLong(afterName[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long compilerTicks(Path process) {
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            return threads.filter(
                            t -> {
                                try {
                                    return Files.readString(t.resolve("comm"))
                                                    .startsWith("C2 Compiler")
                                            || Files.readString(t.resolve("comm"))
                                                    .startsWith("C1 Compiler");
                                } catch (IOException gone) {
                                    return false;
                                }
                            })
                    .mapToLong(t -> ticks(t.resolve("stat")))
                    .sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
