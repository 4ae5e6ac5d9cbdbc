package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.command.StepClock;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StepClockTest {

    private static final Instant WARN = Instant.parse("2026-12-02T08:00:00Z");
    private static final Instant DUE = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    @DisplayName("a step is green before its warn time, yellow from it, red from its due time")
    void greenYellowRed() {
        assertThat(StepClock.at(WARN.minusSeconds(1), WARN, DUE)).isEqualTo(StepClock.GREEN);
        assertThat(StepClock.at(WARN, WARN, DUE)).isEqualTo(StepClock.YELLOW);
        assertThat(StepClock.at(DUE.minusSeconds(1), WARN, DUE)).isEqualTo(StepClock.YELLOW);
        assertThat(StepClock.at(DUE, WARN, DUE)).isEqualTo(StepClock.RED);
    }

    @Test
    @DisplayName(
            "a step without a warn time stays green until due, and one without a deadline has no clock")
    void withoutWarnOrDeadline() {
        assertThat(StepClock.at(DUE.minusSeconds(1), null, DUE)).isEqualTo(StepClock.GREEN);
        assertThat(StepClock.at(DUE, null, DUE)).isEqualTo(StepClock.RED);
        assertThat(StepClock.at(DUE, WARN, null)).isNull();
    }
}
