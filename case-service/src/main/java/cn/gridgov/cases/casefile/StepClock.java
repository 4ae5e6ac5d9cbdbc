package cn.gridgov.cases.casefile;

import java.time.Instant;

/**
 * The clock of one step: when it started, when it turns yellow (80% of its limit) and when it is
 * due.
 */
public record StepClock(Step step, Instant startedAt, Instant warnAt, Instant dueAt) {

    public static StepClock none(Instant now) {
        return new StepClock(null, now, null, null);
    }
}
