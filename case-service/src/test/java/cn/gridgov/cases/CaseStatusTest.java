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
import cn.gridgov.cases.casefile.Phase;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.StepClock;
import cn.gridgov.cases.casefile.UnsupportedTransition;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CaseStatusTest {

    /**
     * The loop as the practice runs it, written out pair by pair: the table must say exactly this.
     */
    private static final Set<String> ALLOWED =
            Set.of(
                    "REPORTED>VERIFIED",
                    "REPORTED>REJECTED",
                    "REPORTED>MERGED",
                    "VERIFIED>ACCEPTED",
                    "VERIFIED>REJECTED",
                    "VERIFIED>MERGED",
                    "ACCEPTED>DISPATCHED",
                    "ACCEPTED>HANDLING",
                    "DISPATCHED>HANDLING",
                    "DISPATCHED>ACCEPTED",
                    "HANDLING>RESULT_SUBMITTED",
                    "HANDLING>PARKED",
                    "PARKED>HANDLING",
                    "RESULT_SUBMITTED>CLOSED",
                    "RESULT_SUBMITTED>HANDLING",
                    "CLOSED>EVALUATED",
                    "CLOSED>ACCEPTED",
                    "EVALUATED>ACCEPTED");

    @Test
    @DisplayName("every pair of statuses is allowed exactly when the eight-step loop allows it")
    void transitionTableMatchesTheLoop() {
        for (var from : CaseStatus.values()) {
            for (var to : CaseStatus.values()) {
                assertThat(from.canMoveTo(to))
                        .as(from + " -> " + to)
                        .isEqualTo(ALLOWED.contains(from + ">" + to));
            }
        }
    }

    /**
     * Every status's attributes, one row each: the step of the eight it has reached, the clock that
     * runs in it, whether it is open, whether a duplicate may join it. A new status is a new row
     * here.
     */
    private static final List<String> ATTRIBUTES =
            List.of(
                    "REPORTED         REPORT   VERIFY            open   takes-duplicates",
                    "VERIFIED         VERIFY   ACCEPT            open   takes-duplicates",
                    "ACCEPTED         ACCEPT   DISPATCH          open   takes-duplicates",
                    "DISPATCHED       ROUTE    DEPARTMENT_ACCEPT open   takes-duplicates",
                    "HANDLING         TRACK    HANDLE            open   takes-duplicates",
                    "PARKED           TRACK    REVIEW            open   -",
                    "RESULT_SUBMITTED FEEDBACK CHECK             open   takes-duplicates",
                    "CLOSED           CHECK    EVALUATE          ended  -",
                    "EVALUATED        EVALUATE -                 ended  -",
                    "REJECTED         VERIFY   -                 ended  -",
                    "MERGED           VERIFY   -                 ended  -");

    @Test
    @DisplayName(
            "every status carries the phase, clock, openness and merge role the table gives it")
    void attributesMatchTheTable() {
        var rows = ATTRIBUTES.stream().map(row -> row.split("\\s+")).toList();
        assertThat(rows)
                .extracting(r -> r[0])
                .containsExactly(
                        Arrays.stream(CaseStatus.values()).map(Enum::name).toArray(String[]::new));
        for (var r : rows) {
            var status = CaseStatus.valueOf(r[0]);
            assertThat(status.phase()).as(r[0] + " phase").isEqualTo(Phase.valueOf(r[1]));
            assertThat(status.step())
                    .as(r[0] + " clock")
                    .isEqualTo("-".equals(r[2]) ? null : Step.valueOf(r[2]));
            assertThat(status.isOpen()).as(r[0] + " open").isEqualTo("open".equals(r[3]));
            assertThat(status.takesDuplicates())
                    .as(r[0] + " takes duplicates")
                    .isEqualTo("takes-duplicates".equals(r[4]));
        }
        assertThat(CaseStatus.open())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(CaseStatus.values()).filter(CaseStatus::isOpen).toList());
    }

    @Test
    @DisplayName(
            "a case may be merged away only before it is accepted, and every step of the loop is reached by some status")
    void mergeOnlyBeforeAcceptance() {
        assertThat(Arrays.stream(CaseStatus.values()).filter(s -> s.canMoveTo(MERGED)))
                .containsExactlyInAnyOrder(REPORTED, VERIFIED);
        assertThat(Arrays.stream(CaseStatus.values()).map(CaseStatus::phase))
                .contains(Phase.values());
    }

    @Test
    @DisplayName(
            "rejected and merged cases go nowhere; a finished one only back to acceptance when"
                    + " reopened")
    void endStatesAreFinal() {
        for (var end : Set.of(REJECTED, MERGED)) {
            assertThat(end.next()).isEmpty();
        }
        assertThat(EVALUATED.next()).containsExactly(ACCEPTED);
    }

    @Test
    @DisplayName("closed, evaluated, rejected and merged cases are not open; the rest are")
    void openness() {
        assertThat(
                        Set.of(
                                REPORTED,
                                VERIFIED,
                                ACCEPTED,
                                DISPATCHED,
                                HANDLING,
                                PARKED,
                                RESULT_SUBMITTED))
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
    @DisplayName("a parked case resumed after its review day does not make the case late")
    void lateReviewIsNotAHandlersDelay() {
        var c = new Case();
        c.status = PARKED;
        c.step = cn.gridgov.cases.casefile.Step.REVIEW;
        c.stepDueAt = Instant.parse("2026-11-23T02:00:00Z");

        c.moveTo(HANDLING, "resume", StepClock.none(Instant.parse("2026-11-30T02:00:00Z")));

        assertThat(c.overdueSteps).isZero();
        assertThat(c.open).isTrue();
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
