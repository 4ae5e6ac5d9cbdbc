package cn.gridgov.contracts;

import static cn.gridgov.contracts.Topics.CASE_EVENTS;

import cn.gridgov.contracts.cases.CaseDispatched;
import cn.gridgov.contracts.cases.CaseEvaluated;
import cn.gridgov.contracts.cases.CaseMerged;
import cn.gridgov.contracts.cases.CaseParked;
import cn.gridgov.contracts.cases.CaseRecurred;
import cn.gridgov.contracts.cases.CaseReopened;
import cn.gridgov.contracts.cases.CaseReported;
import cn.gridgov.contracts.cases.CaseRework;
import cn.gridgov.contracts.cases.CaseSentBack;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.contracts.cases.DispatchRefused;
import cn.gridgov.contracts.cases.ExtensionApproved;
import cn.gridgov.contracts.cases.HotspotRaised;
import cn.gridgov.contracts.cases.ReporterNotified;
import java.util.List;
import java.util.Set;

/**
 * The events case-service publishes on {@link Topics#CASE_EVENTS}, key = case id. Every one but
 * {@link #REPORTER_NOTIFIED}, {@link #HOTSPOT_RAISED} and {@link #RECURRED} carries the whole
 * {@link CaseSnapshot}, some with fields of their own: a consumer that keeps a view of cases reads
 * any of them as a snapshot ({@link #carriesSnapshot}).
 */
public final class CaseTypes {

    public static final EventType<CaseReported> REPORTED =
            type("case.reported", CaseReported.class, 3);
    public static final EventType<CaseSnapshot> VERIFIED =
            type("case.verified", CaseSnapshot.class, 1);
    public static final EventType<CaseSnapshot> ACCEPTED =
            type("case.accepted", CaseSnapshot.class, 1);
    public static final EventType<CaseDispatched> DISPATCHED =
            type("case.dispatched", CaseDispatched.class, 1);
    public static final EventType<CaseSnapshot> HANDLED_IN_GRID =
            type("case.handled-in-grid", CaseSnapshot.class, 1);
    public static final EventType<CaseSnapshot> HANDLING =
            type("case.handling", CaseSnapshot.class, 1);
    public static final EventType<CaseSentBack> SENT_BACK =
            type("case.sent-back", CaseSentBack.class, 1);
    public static final EventType<CaseSnapshot> RESULT_SUBMITTED =
            type("case.result-submitted", CaseSnapshot.class, 1);
    public static final EventType<CaseRework> REWORK = type("case.rework", CaseRework.class, 1);
    public static final EventType<CaseSnapshot> CLOSED = type("case.closed", CaseSnapshot.class, 1);
    public static final EventType<CaseEvaluated> EVALUATED =
            type("case.evaluated", CaseEvaluated.class, 1);
    public static final EventType<CaseSnapshot> REJECTED =
            type("case.rejected", CaseSnapshot.class, 1);
    public static final EventType<CaseMerged> MERGED = type("case.merged", CaseMerged.class, 1);
    public static final EventType<CaseParked> PARKED = type("case.parked", CaseParked.class, 1);
    public static final EventType<ExtensionApproved> EXTENSION_APPROVED =
            type("case.extension-approved", ExtensionApproved.class, 1);
    public static final EventType<CaseSnapshot> LOCATED =
            type("case.located", CaseSnapshot.class, 1);
    public static final EventType<DispatchRefused> DISPATCH_REFUSED =
            type("case.dispatch-refused", DispatchRefused.class, 2);
    public static final EventType<ReporterNotified> REPORTER_NOTIFIED =
            type("case.reporter-notified", ReporterNotified.class, 2);
    public static final EventType<HotspotRaised> HOTSPOT_RAISED =
            type("case.hotspot-raised", HotspotRaised.class, 1);
    public static final EventType<CaseRecurred> RECURRED =
            type("case.recurred", CaseRecurred.class, 1);
    public static final EventType<CaseReopened> REOPENED =
            type("case.reopened", CaseReopened.class, 1);

    public static final List<EventType<?>> ALL =
            List.of(
                    REPORTED,
                    VERIFIED,
                    ACCEPTED,
                    DISPATCHED,
                    HANDLED_IN_GRID,
                    HANDLING,
                    SENT_BACK,
                    RESULT_SUBMITTED,
                    REWORK,
                    CLOSED,
                    EVALUATED,
                    REJECTED,
                    MERGED,
                    PARKED,
                    EXTENSION_APPROVED,
                    LOCATED,
                    DISPATCH_REFUSED,
                    REPORTER_NOTIFIED,
                    HOTSPOT_RAISED,
                    RECURRED,
                    REOPENED);

    /** The types whose data is not a case snapshot. */
    private static final Set<EventType<?>> WITHOUT_SNAPSHOT =
            Set.of(REPORTER_NOTIFIED, HOTSPOT_RAISED, RECURRED);

    /** The version of the case snapshot's own schema ({@code events/case-snapshot.schema.json}). */
    public static final int SNAPSHOT_VERSION = 2;

    private CaseTypes() {}

    /**
     * Whether an event of this type (a {@code type} attribute) carries the case snapshot as its
     * data.
     */
    public static boolean carriesSnapshot(String type) {
        return type != null
                && type.startsWith("case.")
                && WITHOUT_SNAPSHOT.stream().noneMatch(t -> t.is(type));
    }

    private static <D> EventType<D> type(String name, Class<D> data, int version) {
        return new EventType<>(name, CASE_EVENTS, data, version);
    }
}
