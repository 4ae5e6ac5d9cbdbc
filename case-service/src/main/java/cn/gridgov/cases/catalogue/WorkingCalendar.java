package cn.gridgov.cases.catalogue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Counts working time: the office hours of each working day, in the town's time zone. Weekends are
 * off and weekdays on, unless a calendar day says otherwise (holidays, 调休 make-up days).
 */
public final class WorkingCalendar {

    /** One stretch of office hours within a day. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException(
                        "office hours must start before they end: " + start + "-" + end);
            }
        }

        /** Parses "08:30-12:00". */
        public static Period parse(String text) {
            var parts = text.strip().split("-");
            return new Period(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        }
    }

    private static final int MAX_DAYS = 3660;

    private final ZoneId zone;
    private final List<Period> periods;
    private final Map<LocalDate, Boolean> exceptions;

    public WorkingCalendar(ZoneId zone, List<Period> periods, Map<LocalDate, Boolean> exceptions) {
        this.zone = zone;
        this.periods = List.copyOf(periods);
        this.exceptions = Map.copyOf(exceptions);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        return exceptions.getOrDefault(
                day,
                day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }

    /** The moment a time limit that starts now runs out. */
    public Instant deadline(Instant start, TimeLimit limit) {
        var amount = Duration.ofMillis(Math.round(limit.hours() * 3_600_000));
        return limit.workingTime() ? addWorkingTime(start, amount) : start.plus(amount);
    }

    /** The working time between two moments (zero if {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        var total = Duration.ZERO;
        var cursor = LocalDateTime.ofInstant(from, zone);
        var end = LocalDateTime.ofInstant(to, zone);
        while (cursor.isBefore(end)) {
            var day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                for (var period : periods) {
                    var start = max(cursor, day.atTime(period.start()));
                    var stop = min(end, day.atTime(period.end()));
                    if (start.isBefore(stop)) {
                        total = total.plus(Duration.between(start, stop));
                    }
                }
            }
            cursor = day.plusDays(1).atStartOfDay();
        }
        return total;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private Instant addWorkingTime(Instant start, Duration amount) {
        var remaining = amount;
        var cursor = LocalDateTime.ofInstant(start, zone);
        for (int days = 0; days < MAX_DAYS; days++) {
            var day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                for (var period : periods) {
                    var periodEnd = day.atTime(period.end());
                    if (!cursor.isBefore(periodEnd)) {
                        continue;
                    }
                    var from =
                            cursor.isAfter(day.atTime(period.start()))
                                    ? cursor
                                    : day.atTime(period.start());
                    var available = Duration.between(from, periodEnd);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining).atZone(zone).toInstant();
                    }
                    remaining = remaining.minus(available);
                    cursor = periodEnd;
                }
            }
            cursor = day.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("no working time within " + MAX_DAYS + " days of " + start);
    }
}
