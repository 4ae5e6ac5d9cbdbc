package cn.gridgov.contracts;

import static cn.gridgov.contracts.Topics.DISPATCH_EVENTS;

import cn.gridgov.contracts.dispatch.DecisionRealigned;
import cn.gridgov.contracts.dispatch.DepartmentAccepted;
import cn.gridgov.contracts.dispatch.Escalated;
import cn.gridgov.contracts.dispatch.ReportedForDuty;
import cn.gridgov.contracts.dispatch.Routed;
import cn.gridgov.contracts.dispatch.SentBack;
import cn.gridgov.contracts.dispatch.SlaWarning;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.contracts.dispatch.WhistleClosed;
import java.util.List;

/** The events dispatch-service publishes on {@link Topics#DISPATCH_EVENTS}, key = case id. */
public final class DispatchTypes {

    public static final EventType<Routed> ROUTED = type("dispatch.routed", Routed.class, 2);
    public static final EventType<DepartmentAccepted> DEPARTMENT_ACCEPTED =
            type("dispatch.department-accepted", DepartmentAccepted.class, 2);
    public static final EventType<SentBack> SENT_BACK =
            type("dispatch.sent-back", SentBack.class, 2);
    public static final EventType<DecisionRealigned> DECISION_REALIGNED =
            type("dispatch.decision-realigned", DecisionRealigned.class, 2);
    public static final EventType<SlaWarning> SLA_WARNING =
            type("dispatch.sla-warning", SlaWarning.class, 2);
    public static final EventType<WhistleBlown> WHISTLE_BLOWN =
            type("dispatch.whistle-blown", WhistleBlown.class, 2);
    public static final EventType<ReportedForDuty> REPORTED_FOR_DUTY =
            type("dispatch.reported-for-duty", ReportedForDuty.class, 2);
    public static final EventType<Escalated> ESCALATED =
            type("dispatch.escalated", Escalated.class, 2);
    public static final EventType<WhistleClosed> WHISTLE_CLOSED =
            type("dispatch.whistle-closed", WhistleClosed.class, 2);

    public static final List<EventType<?>> ALL =
            List.of(
                    ROUTED,
                    DEPARTMENT_ACCEPTED,
                    SENT_BACK,
                    DECISION_REALIGNED,
                    SLA_WARNING,
                    WHISTLE_BLOWN,
                    REPORTED_FOR_DUTY,
                    ESCALATED,
                    WHISTLE_CLOSED);

    private DispatchTypes() {}

    private static <D> EventType<D> type(String name, Class<D> data, int version) {
        return new EventType<>(name, DISPATCH_EVENTS, data, version);
    }
}
