package cn.gridgov.dispatch.whistle;

import cn.gridgov.dispatch.access.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data of the whistle events on dispatch-events.v1. */
public final class WhistleEvents {

    private WhistleEvents() {
    }

    /** {@code blownBy} and {@code actor}: the signed-in person who blew it, and as what. */
    public record WhistleBlown(UUID whistleId, UUID caseId, WhistleKind kind, List<String> departments,
                               Instant reportBy, String blownBy, Actor actor) {
        public static final String TYPE = "dispatch.whistle-blown";
    }

    /** {@code staffId} and {@code actor}: the signed-in person who reported, for their department. */
    public record ReportedForDuty(UUID whistleId, UUID caseId, String departmentCode, boolean arrived,
                                  double distanceMeters, Instant at, String staffId, Actor actor) {
        public static final String TYPE = "dispatch.reported-for-duty";
    }

    public record Escalated(UUID caseId, UUID whistleId, String departmentCode, int level, String to, String reason) {
        public static final String TYPE = "dispatch.escalated";
    }

    public record WhistleClosed(UUID whistleId, UUID caseId) {
        public static final String TYPE = "dispatch.whistle-closed";
    }
}
