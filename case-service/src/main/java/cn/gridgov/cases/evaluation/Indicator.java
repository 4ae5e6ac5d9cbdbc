package cn.gridgov.cases.evaluation;

import static cn.gridgov.cases.evaluation.Measure.*;

import java.util.Arrays;
import java.util.Optional;

/**
 * The standard indicators (数字城管 practice, plus the town's own), each a ratio of two counts of the
 * read model, with its definition beside it: numerator, denominator, and the clock that puts a case
 * in a period. "On time" always means the step was left (the case moved on) no later than the
 * deadline in force at that moment, extensions included. Acts count for the staff member and role
 * who did them; the cohort indicators (counted on the day a case was accepted, 立案) count for no
 * staff member.
 */
public enum Indicator {
    /**
     * 结案率: of the cases accepted (立案) in the period, those closed by now. Clock: the day of
     * acceptance.
     */
    CLOSURE_RATE("结案率", CLOSED, ACCEPTED, false),
    /**
     * 按期结案率: of the cases accepted in the period, those closed with no step left late. Clock:
     * acceptance.
     */
    ON_TIME_CLOSURE_RATE("按期结案率", CLOSED_ON_TIME, ACCEPTED, false),
    /**
     * 处置率: of the cases accepted in the period, those whose result has been submitted. Clock:
     * acceptance.
     */
    HANDLING_RATE("处置率", HANDLED, ACCEPTED, false),
    /**
     * 按期处置率: of the cases accepted in the period, those whose first result came before the handling
     * deadline.
     */
    ON_TIME_HANDLING_RATE("按期处置率", HANDLED_ON_TIME, ACCEPTED, false),
    /**
     * 返工率: of the cases accepted in the period and closed, those that failed a check at least once.
     * Lower is better.
     */
    REWORK_RATE("返工率", REWORKED, CLOSED, true),
    /**
     * 按时派遣率: dispatches made in the period within the dispatch deadline. Clock: the day of the
     * dispatch; charged to the department it went to and to the dispatcher.
     */
    ON_TIME_DISPATCH_RATE("按时派遣率", DISPATCHED_ON_TIME, DISPATCHED, false),
    /**
     * 准确派遣率: dispatches made in the period that the department neither sent back nor had taken from
     * it by a re-dispatch. Clock: the dispatch.
     */
    ACCURATE_DISPATCH_RATE("准确派遣率", DISPATCHED_ACCURATELY, DISPATCHED, false),
    /**
     * 按时立案率: cases accepted in the period within the acceptance deadline. Clock: acceptance;
     * charged to who accepted.
     */
    ON_TIME_ACCEPTANCE_RATE("按时立案率", ACCEPTED_ON_TIME, ACCEPTED, false),
    /**
     * 准确立案率: cases accepted in the period that no department sent back (filed so that they could be
     * handled as filed).
     */
    ACCURATE_ACCEPTANCE_RATE("准确立案率", ACCEPTED_ACCURATELY, ACCEPTED, false),
    /**
     * 有效上报率: reports decided in the period (accepted, rejected or merged) that were accepted.
     * Clock: the decision; charged to the reporter.
     */
    VALID_REPORT_RATE("有效上报率", VALID, DECIDED, false),
    /**
     * 按时核实率: verifications (信息核实) made in the period within the verification deadline. Clock: the
     * verification; charged to the verifier.
     */
    ON_TIME_VERIFICATION_RATE("按时核实率", VERIFIED_ON_TIME, VERIFIED, false),
    /**
     * 按时核查率: checks (核查) made within the check deadline, of a case's checks, counted on the day of
     * its last check; charged to the checker.
     */
    ON_TIME_CHECK_RATE("按时核查率", CHECKS_ON_TIME, CHECKS, false),
    /**
     * 网格内解决率 (goal > 90 %): of the cases accepted in the period and closed, those handled in their
     * grid (自行处置).
     */
    SOLVED_IN_GRID_RATE("网格内解决率", SOLVED_IN_GRID, CLOSED, false),
    /**
     * 群众诉求答复率 (goal 100 %): of the cases reported in the period, those whose reporters got an
     * answer (accepted, rejected or merged). Clock: the report.
     */
    ANSWERED_RATE("群众诉求答复率", ANSWERED, REPORTED, false),
    /**
     * 吹哨报到按时率: departments summoned by a whistle due in the period that reported for duty on the
     * spot by the time set. Clock: the time set.
     */
    WHISTLE_ON_TIME_RATE("吹哨报到按时率", ON_DUTY_ON_TIME, SUMMONED, false),
    /** 满意率: evaluations given in the period that scored 4 or 5 of 5. Clock: the evaluation. */
    SATISFACTION_RATE("满意率", SATISFIED, EVALUATED, false);

    private final String label;
    private final Measure numerator;
    private final Measure denominator;
    private final boolean lowerIsBetter;

    Indicator(String label, Measure numerator, Measure denominator, boolean lowerIsBetter) {
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
        this.lowerIsBetter = lowerIsBetter;
    }

    public String label() {
        return label;
    }

    public Measure numerator() {
        return numerator;
    }

    public Measure denominator() {
        return denominator;
    }

    /** Whether a score counts this indicator's complement (返工率: 10 % rework scores as 90). */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /**
     * The indicator's name in JSON, exports and score schemes: closureRate, onTimeClosureRate, …
     */
    public String field() {
        return Measure.camelCase(name());
    }

    public static Optional<Indicator> byField(String field) {
        return Arrays.stream(values()).filter(i -> i.field().equals(field)).findFirst();
    }
}
