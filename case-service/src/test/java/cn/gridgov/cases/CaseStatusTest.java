package cn.gridgov.cases;

import static cn.gridgov.cases.casefile.CaseStatus.ACCEPTED;
import static cn.gridgov.cases.casefile.CaseStatus.CLOSED;
import static cn.gridgov.cases.casefile.CaseStatus.DISPATCHED;
import static cn.gridgov.cases.casefile.CaseStatus.EVALUATED;
import static cn.gridgov.cases.casefile.CaseStatus.HANDLING;
import static cn.gridgov.cases.casefile.CaseStatus.MERGED;
import static cn.gridgov.cases.casefile.CaseStatus.PARKED;
import static cn.gridgov.cases.casefile.CaseStatus.REJECTED;
import static cn.gridgov.cases.casefile.CaseStatus.REPORTED;
import static cn.gridgov.cases.casefile.CaseStatus.RESULT_SUBMITTED;
import static cn.gridgov.cases.casefile.CaseStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.StepClock;
import cn.gridgov.cases.casefile.UnsupportedTransition;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CaseStatusTest {

    /** The loop as the practice runs it, written out pair by pair: the table must say exactly this. */
    private static final Set<String> ALLOWED = Set.of(
            "REPORTED>VERIFIED", "REPORTED>REJECTED", "REPORTED>MERGED",
            "VERIFIED>ACCEPTED", "VERIFIED>REJECTED",
            "ACCEPTED>DISPATCHED", "ACCEPTED>HANDLING",
            "DISPATCHED>HANDLING", "DISPATCHED>ACCEPTED",
            "HANDLING>RESULT_SUBMITTED", "HANDLING>PARKED",
            "PARKED>HANDLING",
            "RESULT_SUBMITTED>CLOSED", "RESULT_SUBMITTED>HANDLING",
            "CLOSED>EVALUATED");

    @Test
    @DisplayName("every pair of statuses is allowed exactly when the eight-step loop allows it")
    void transitionTableMatchesTheLoop() {
        for (var from : CaseStatus.values()) {
            for (var to : CaseStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.contains(from + ">" + to));
            }
        }
    }

    @Test
    @DisplayName("finished, rejected and merged cases go nowhere")
    void endStatesAreFinal() {
        for (var end : Set.of(EVALUATED, REJECTED, MERGED)) {
            assertThat(end.next()).isEmpty();
        }
    }

    @Test
    @DisplayName("closed, evaluated, rejected and merged cases are not open; the rest are")
    void openness() {
        assertThat(Set.of(REPORTED, VERIFIED, ACCEPTED, DISPATCHED, HANDLING, PARKED, RESULT_SUBMITTED))
                .allMatch(CaseStatus::isOpen);
        assertThat(Set.of(CLOSED, EVALUATED, REJECTED, MERGED)).noneMatch(CaseStatus::isOpen);
    }

    @Test
    @DisplayName("a refused move says where the case is and where it may go")
    void refusedMoveExplains() {
        var c = new Case();
        c.number = "2026-000001";
        c.status = REPORTED;

        assertThatThrownBy(() -> c.moveTo(CLOSED, "check", StepClock.none(Instant.now())))
                .isInstanceOf(UnsupportedTransition.class)
                .hasMessageContaining("2026-000001 is REPORTED")
                .hasMessageContaining("VERIFIED");
        assertThat(c.status).isEqualTo(REPORTED);
    }

    @Test
    @DisplayName("a reporter who scores late does not make the case late")
    void lateEvaluationIsNotTheHandlersDelay() {
        var c = new Case();
        c.status = CLOSED;
        c.step = cn.gridgov.cases.casefile.Step.EVALUATE;
        c.stepDueAt = Instant.parse("2026-11-23T02:00:00Z");

        c.moveTo(EVALUATED, "evaluate", StepClock.none(Instant.parse("2026-11-30T02:00:00Z")));

        assertThat(c.overdueSteps).isZero();
    }

    @Test
    @DisplayName("leaving a step after its deadline counts the step as overdue")
    void lateStepIsCounted() {
        var c = new Case();
        c.status = HANDLING;
        c.stepDueAt = Instant.parse("2026-11-23T02:00:00Z");

        c.moveTo(RESULT_SUBMITTED, "result", StepClock.none(Instant.parse("2026-11-23T02:00:01Z")));

        assertThat(c.overdueSteps).isEqualTo(1);
    }
}
