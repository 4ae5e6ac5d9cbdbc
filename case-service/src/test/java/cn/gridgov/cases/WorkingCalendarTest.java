package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.cases.catalogue.TimeLimit;
import cn.gridgov.cases.catalogue.WorkingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<WorkingCalendar.Period> OFFICE =
            List.of(
                    WorkingCalendar.Period.parse("08:30-12:00"),
                    WorkingCalendar.Period.parse("13:30-17:30"));

    private final WorkingCalendar calendar =
            new WorkingCalendar(
                    SHANGHAI,
                    OFFICE,
                    Map.of(
                            LocalDate.parse("2026-10-01"), false, // National Day, a Thursday
                            LocalDate.parse("2026-10-10"), true)); // a Saturday worked instead

    @Test
    @DisplayName("two working hours from a Friday afternoon run out on Monday morning")
    void workingHoursSkipTheWeekend() {
        assertThat(deadline("2026-11-20T16:30", "2wh")).isEqualTo(local("2026-11-23T09:30"));
    }

    @Test
    @DisplayName("the lunch break does not count")
    void lunchBreakDoesNotCount() {
        assertThat(deadline("2026-11-23T11:00", "2wh")).isEqualTo(local("2026-11-23T14:30"));
    }

    @Test
    @DisplayName("a report made at night starts counting when the office opens")
    void nightReportStartsAtOpening() {
        assertThat(deadline("2026-11-23T22:00", "0.5wh")).isEqualTo(local("2026-11-24T09:00"));
    }

    @Test
    @DisplayName("a public holiday is skipped and a make-up Saturday is worked")
    void holidaysAndMakeUpDays() {
        assertThat(deadline("2026-09-30T17:00", "1wh")).isEqualTo(local("2026-10-02T09:00"));
        assertThat(deadline("2026-10-09T17:00", "1wh")).isEqualTo(local("2026-10-10T09:00"));
    }

    @Test
    @DisplayName(
            "the working time between two moments counts office hours only, and undoes a deadline")
    void workingTimeBetween() {
        var friday = local("2026-11-20T16:30");
        assertThat(calendar.workingTimeBetween(friday, local("2026-11-23T09:30")))
                .isEqualTo(java.time.Duration.ofHours(2));
        assertThat(
                        calendar.workingTimeBetween(
                                local("2026-11-23T11:00"), local("2026-11-23T14:30")))
                .isEqualTo(java.time.Duration.ofHours(2));
        assertThat(
                        calendar.workingTimeBetween(
                                local("2026-11-21T10:00"), local("2026-11-22T10:00")))
                .isZero();
        assertThat(
                        calendar.workingTimeBetween(
                                local("2026-11-23T14:30"), local("2026-11-23T11:00")))
                .isZero();
        var due = deadline("2026-09-30T09:00", "20wh");
        assertThat(calendar.workingTimeBetween(local("2026-09-30T09:00"), due))
                .isEqualTo(java.time.Duration.ofHours(20));
    }

    @Test
    @DisplayName("calendar hours run around the clock")
    void calendarHoursIgnoreOfficeHours() {
        assertThat(deadline("2026-11-20T16:30", "72h")).isEqualTo(local("2026-11-23T16:30"));
    }

    @Test
    @DisplayName("time limits are read from the catalogue's notation and refuse anything else")
    void notation() {
        assertThat(TimeLimit.parse("2wh")).isEqualTo(new TimeLimit(2, true));
        assertThat(TimeLimit.parse("0.5wh")).isEqualTo(new TimeLimit(0.5, true));
        assertThat(TimeLimit.parse("72h")).isEqualTo(new TimeLimit(72, false));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TimeLimit.parse("2 days"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Instant deadline(String localStart, String limit) {
        return calendar.deadline(local(localStart), TimeLimit.parse(limit));
    }

    private static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
    }
}
