package cn.gridgov.dispatch.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.casefile.CaseFile;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When a snapshot ends the step a case file held, and what the history keeps of it. */
class StepOutcomesTest {

    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
    private static final UUID CASE = UUID.randomUUID();
    private final StepOutcomes outcomes = new StepOutcomes();

    private static CaseFile file(String step, Instant started, Duration allowed) {
        var file = new CaseFile();
        file.caseId = CASE;
        file.category = "0101";
        file.handlerDepartment = "ZHZF";
        file.step = step;
        file.stepStartedAt = started;
        file.stepDueAt = started == null ? null : started.plus(allowed);
        return file;
    }

    @Test
    @DisplayName(
            "a snapshot naming the next step ends the one held, with its category, department, start, deadline and end")
    void nextStepEndsTheStep() {
        var before = StepOutcomes.Held.of(file("HANDLE", START, Duration.ofHours(10)));
        var end = START.plus(Duration.ofHours(12));
        var outcome = outcomes.ended(CASE, before, file("CHECK", end, Duration.ofHours(2)), end);
        assertThat(outcome).isNotNull();
        assertThat(outcome.held())
                .isEqualTo(
                        new StepOutcomes.Held(
                                "HANDLE", START, START.plus(Duration.ofHours(10)), "0101", "ZHZF"));
        assertThat(outcome.endedAt()).isEqualTo(end);
    }

    @Test
    @DisplayName(
            "the same step started anew (a rework) ends the earlier one; a step no longer running (closed) ends too")
    void reworkAndClosingEndTheStep() {
        var before = StepOutcomes.Held.of(file("HANDLE", START, Duration.ofHours(10)));
        var again = START.plus(Duration.ofHours(20));
        assertThat(outcomes.ended(CASE, before, file("HANDLE", again, Duration.ofHours(10)), again))
                .isNotNull();
        assertThat(outcomes.ended(CASE, before, file(null, null, null), again)).isNotNull();
    }

    @Test
    @DisplayName(
            "an extension (the same step and start, a later deadline) ends nothing, nor does a first snapshot or a step without a deadline")
    void extensionAndFirstSnapshotEndNothing() {
        var before = StepOutcomes.Held.of(file("HANDLE", START, Duration.ofHours(10)));
        assertThat(
                        outcomes.ended(
                                CASE,
                                before,
                                file("HANDLE", START, Duration.ofHours(18)),
                                START.plusSeconds(60)))
                .isNull();
        var nothingHeld = StepOutcomes.Held.of(new CaseFile());
        assertThat(
                        outcomes.ended(
                                CASE,
                                nothingHeld,
                                file("HANDLE", START, Duration.ofHours(10)),
                                START))
                .isNull();
        var noDeadline = StepOutcomes.Held.of(file("HANDLE", START, Duration.ZERO));
        assertThat(
                        outcomes.ended(
                                CASE, noDeadline, file("CHECK", START, Duration.ofHours(2)), START))
                .isNull();
    }
}
