package cn.gridgov.cases.casefile;

import java.util.Arrays;
import java.util.List;

/** The steps that have an owner and a time limit (定时, 定责). */
public enum Step {
    VERIFY(Limit.CATALOGUE, true),
    ACCEPT(Limit.CATALOGUE, true),
    DISPATCH(Limit.CATALOGUE, true),
    DEPARTMENT_ACCEPT(Limit.CATALOGUE, true),
    HANDLE(Limit.CATALOGUE, true),
    CHECK(Limit.CATALOGUE, true),
    /** How long a reporter takes to give a score is not the handlers' delay. */
    EVALUATE(Limit.CATALOGUE, false),
    /**
     * A parked case (挂账) waits for the review date the supervisor approved; a missed review is not
     * a late step.
     */
    REVIEW(Limit.COMMAND, false);

    /** Where the step's time limit comes from. */
    public enum Limit {
        CATALOGUE,
        COMMAND
    }

    private final Limit limit;
    private final boolean chargedWhenLate;

    Step(Limit limit, boolean chargedWhenLate) {
        this.limit = limit;
        this.chargedWhenLate = chargedWhenLate;
    }

    /** Whether leaving this step after its deadline counts against the case's on-time record. */
    public boolean chargedWhenLate() {
        return chargedWhenLate;
    }

    /** The steps whose limits the catalogue holds, per category and urgency. */
    public static List<Step> fromCatalogue() {
        return Arrays.stream(values()).filter(s -> s.limit == Limit.CATALOGUE).toList();
    }

    public boolean limitedByCatalogue() {
        return limit == Limit.CATALOGUE;
    }
}
