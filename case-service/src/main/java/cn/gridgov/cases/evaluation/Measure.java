package cn.gridgov.cases.evaluation;

import java.util.Locale;

/**
 * The counts the read model keeps per day and slice: one column of {@code indicator_days} each
 * (V16), every indicator a ratio of two of them. Where each is counted, and for whom, is written
 * beside the contributions in V16 and in {@link Indicator}.
 */
public enum Measure {
    REPORTED,
    ANSWERED,
    VERIFIED,
    VERIFIED_ON_TIME,
    DECIDED,
    VALID,
    ACCEPTED,
    ACCEPTED_ON_TIME,
    ACCEPTED_ACCURATELY,
    HANDLED,
    HANDLED_ON_TIME,
    CLOSED,
    CLOSED_ON_TIME,
    REWORKED,
    SOLVED_IN_GRID,
    CHECKS,
    CHECKS_ON_TIME,
    DISPATCHED,
    DISPATCHED_ON_TIME,
    DISPATCHED_ACCURATELY,
    SUMMONED,
    ON_DUTY_ON_TIME,
    EVALUATED,
    SATISFIED,
    SATISFACTION_SUM;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The measure's name in JSON and exports: reported, verifiedOnTime, … */
    public String field() {
        return camelCase(name());
    }

    static String camelCase(String constant) {
        var words = constant.toLowerCase(Locale.ROOT).split("_");
        var field = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return field.toString();
    }
}
