package cn.gridgov.dispatch.routing;

import cn.gridgov.dispatch.access.Actor;
import com.fasterxml.jackson.annotation.JsonInclude;
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
     * CC for MANUAL); the fields of the first version are all still here. {@code actor} is the
     * dispatcher of an override (absent when the rules decided).
     */
    public record CaseRouted(UUID caseId, String caseNumber, RoutingMode mode, String departmentCode,
                             String departmentName, List<DepartmentRef> coHandlers, String ruleId, String reason,
                             String overriddenBy, Instant decidedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Actor actor) {

        public static final String TYPE = "dispatch.routed";
    }

    /** dispatch.department-accepted; {@code staffId} and {@code actor} are the signed-in person who accepted. */
    public record DepartmentAccepted(UUID caseId, String departmentCode, String staffId, Instant at, Actor actor) {

        public static final String TYPE = "dispatch.department-accepted";
    }

    /** dispatch.sent-back; a new dispatch.routed follows it. {@code staffId} and {@code actor}: who sent it back. */
    public record SentBack(UUID caseId, String departmentCode, String reason, int sendBackCount, Instant at,
                           String staffId, Actor actor) {

        public static final String TYPE = "dispatch.sent-back";
    }

    /**
     * dispatch.decision-realigned: case-service refused one of this decision's events
     * (case.dispatch-refused) and the decision now says what case-service says: its lead, ACCEPTED
     * once the case is handled, ROUTED while it waits for a department. Carries the refusal, so the
     * console (through the stream) and whoever gave the refused command hear of it.
     */
    public record DecisionRealigned(UUID caseId, String caseNumber, RoutingMode mode, String departmentCode,
                                    String departmentName, RoutingDecision.State state, String caseStatus,
                                    String caseStep, String refusedEventId, String refusedType, String reason,
                                    int refusalCount, Instant at) {

        public static final String TYPE = "dispatch.decision-realigned";
    }
}
