package cn.gridgov.dispatch.command;

import java.time.Instant;

/**
 * How a case's current step stands against its deadline, as the console colours it: green before
 * the warn time, yellow (催办) from it, red (督办) from the due time; the same moments at which
 * supervision fires its warnings.
 */
public enum StepClock {
    GREEN,
    YELLOW,
    RED;

    /** Null for a step without a deadline. */
    public static StepClock at(Instant now, Instant warnAt, Instant dueAt) {
        if (dueAt == null) {
            return null;
        }
        if (!now.isBefore(dueAt)) {
            return RED;
        }
        return warnAt != null && !now.isBefore(warnAt) ? YELLOW : GREEN;
    }
}
