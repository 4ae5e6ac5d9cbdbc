package cn.gridgov.kit.parking;

import java.time.Instant;

/**
 * A record a consumer parked, as the operator API shows it.
 *
 * @param reason {@link Reason} the record was parked for
 * @param attempts how many times applying it failed (0 for a record never tried)
 * @param resolution {@code REPLAYED} or {@code DISCARDED} once resolved, null while it waits
 */
public record ParkedEvent(
        long id,
        String consumer,
        String topic,
        String subject,
        String eventId,
        String type,
        String reason,
        String error,
        int attempts,
        Instant parkedAt,
        Instant resolvedAt,
        String resolution,
        String resolvedBy,
        String payload) {

    /** Why a record was parked. */
    public enum Reason {
        /** Applying it failed on every attempt, or its content is unusable. */
        FAILED,
        /** Its type is one the consumer neither handles nor knowingly ignores. */
        UNDECLARED_TYPE,
        /** It is not a CloudEvent with an id, a type and a subject. */
        UNREADABLE,
        /** An earlier record of its subject is parked: it waits, so the subject's order holds. */
        BEHIND
    }
}
