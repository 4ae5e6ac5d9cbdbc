package cn.gridgov.cases.casefile;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a case stands in the eight-step loop (八步闭环), and where it may go next.
 *
 * <pre>
 *  REPORTED ──verify──▶ VERIFIED ──accept──▶ ACCEPTED ──routed──▶ DISPATCHED ──dept accepts──▶ HANDLING
 *     │                    │                  │  ▲                    │                      │  ▲  │
 *     ├─reject──▶ REJECTED ◀┘ reject          │  └─────send back──────┘                      │  │  └─park (approved)─▶ PARKED
 *     └─merge───▶ MERGED                      └──routed in grid (自行处置)────────────────────▶│  └──────resume──────────┘
 *                                                                                              │
 *  EVALUATED ◀──evaluate── CLOSED ◀──check passes── RESULT_SUBMITTED ◀──submit result─────────┘
 *                                                        └──check fails (返工)──▶ HANDLING
 * </pre>
 *
 * An extension (延时) does not change the status: it moves the current step's deadline.
 */
public enum CaseStatus {
    REPORTED(Step.VERIFY),
    VERIFIED(Step.ACCEPT),
    ACCEPTED(Step.DISPATCH),
    DISPATCHED(Step.DEPARTMENT_ACCEPT),
    HANDLING(Step.HANDLE),
    PARKED(null),
    RESULT_SUBMITTED(Step.CHECK),
    CLOSED(Step.EVALUATE),
    EVALUATED(null),
    REJECTED(null),
    MERGED(null);

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = new EnumMap<>(CaseStatus.class);

    static {
        NEXT.put(REPORTED, EnumSet.of(VERIFIED, REJECTED, MERGED));
        NEXT.put(VERIFIED, EnumSet.of(ACCEPTED, REJECTED));
        NEXT.put(ACCEPTED, EnumSet.of(DISPATCHED, HANDLING));
        NEXT.put(DISPATCHED, EnumSet.of(HANDLING, ACCEPTED));
        NEXT.put(HANDLING, EnumSet.of(RESULT_SUBMITTED, PARKED));
        NEXT.put(PARKED, EnumSet.of(HANDLING));
        NEXT.put(RESULT_SUBMITTED, EnumSet.of(CLOSED, HANDLING));
        NEXT.put(CLOSED, EnumSet.of(EVALUATED));
        NEXT.put(EVALUATED, EnumSet.noneOf(CaseStatus.class));
        NEXT.put(REJECTED, EnumSet.noneOf(CaseStatus.class));
        NEXT.put(MERGED, EnumSet.noneOf(CaseStatus.class));
    }

    private final Step step;

    CaseStatus(Step step) {
        this.step = step;
    }

    public boolean canMoveTo(CaseStatus to) {
        return NEXT.get(this).contains(to);
    }

    public Set<CaseStatus> next() {
        return EnumSet.copyOf(NEXT.get(this));
    }

    /** The step whose clock runs in this status; null where no clock runs. */
    public Step step() {
        return step;
    }

    /** Still needs someone to act: not finished, thrown out or folded into another case. */
    public boolean isOpen() {
        return this != CLOSED && this != EVALUATED && this != REJECTED && this != MERGED;
    }
}
