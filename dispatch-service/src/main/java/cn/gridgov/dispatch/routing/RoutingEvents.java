package cn.gridgov.dispatch.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The data of the routing events on dispatch-events.v1 (schemas under resources/events/). */
public final class RoutingEvents {

    private RoutingEvents() {
    }

    public record DepartmentRef(String code, String name) {
    }

    /**
     * dispatch.routed. {@code departmentCode}/{@code departmentName} are the lead (GRID for IN_GRID,
     * CC for MANUAL); the fields of the first version are all still here.
     */
    public record CaseRouted(UUID caseId, String caseNumber, RoutingMode mode, String departmentCode,
                             String departmentName, List<DepartmentRef> coHandlers, String ruleId, String reason,
                             String overriddenBy, Instant decidedAt) {

        public static final String TYPE = "dispatch.routed";
    }

    /** dispatch.department-accepted. */
    public record DepartmentAccepted(UUID caseId, String departmentCode, String staffId, Instant at) {

        public static final String TYPE = "dispatch.department-accepted";
    }

    /** dispatch.sent-back; a new dispatch.routed follows it. */
    public record SentBack(UUID caseId, String departmentCode, String reason, int sendBackCount, Instant at) {

        public static final String TYPE = "dispatch.sent-back";
    }
}
