package cn.gridgov.cases.casefile;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands in the eight-step loop (八步闭环), and where it may go next.
 *
 * <pre>
 *  REPORTED ──verify──▶ VERIFIED ──accept──▶ ACCEPTED ──routed──▶ DISPATCHED ──dept accepts──▶ HANDLING
 *     │                    │                  │  ▲                    │                      │  ▲  │
 *     ├─reject──▶ REJECTED ◀┘ reject          │  └─────send back──────┘                      │  │  └─park (approved)─▶ PARKED
 *     └─merge───▶ MERGED ◀──merge─ VERIFIED   └──routed in grid (自行处置)────────────────────▶│  └──────resume──────────┘
 *                                                                                              │
 *  EVALUATED ◀──evaluate── CLOSED ◀──check passes── RESULT_SUBMITTED ◀──submit result─────────┘
 *      │                 │                              └──check fails (返工)──▶ HANDLING
 *      └─────────────────┴──reopen (reported again at its place, by configuration: 返工)──▶ ACCEPTED
 * </pre>
 *
 * Everything else that asks what a status means asks this enum: whether the case is open (the
 * {@code cases.is_open} column is written from it, and every partial index and query uses that
 * column), which step's clock runs in it, whether it may be merged (reported or verified, before it
 * is accepted: grid workers' reports arrive verified) or take a duplicate, and which of the eight
 * steps it has reached. An extension (延时) does not change the status: it moves the current step's
 * deadline. {@code CaseStatusTest} holds the table these attributes must match.
 */
public enum CaseStatus {
    //        reached           clock                 open   takes duplicates (并案 into it)
    REPORTED(Phase.REPORT, Step.VERIFY, true, true),
    VERIFIED(Phase.VERIFY, Step.ACCEPT, true, true),
    ACCEPTED(Phase.ACCEPT, Step.DISPATCH, true, true),
    DISPATCHED(Phase.ROUTE, Step.DEPARTMENT_ACCEPT, true, true),
    HANDLING(Phase.TRACK, Step.HANDLE, true, true),
    /**
     * 挂账: waits for its review date; it takes no duplicates, a new report about it opens a case.
     */
    PARKED(Phase.TRACK, Step.REVIEW, true, false),
    RESULT_SUBMITTED(Phase.FEEDBACK, Step.CHECK, true, true),
    CLOSED(Phase.CHECK, Step.EVALUATE, false, false),
    EVALUATED(Phase.EVALUATE, null, false, false),
    /** 作废, at verification or acceptance. */
    REJECTED(Phase.VERIFY, null, false, false),
    /** 并案: folded into another case, which answers for it. */
    MERGED(Phase.VERIFY, null, false, false);

    private final Phase phase;
    private final Step step;
    private final boolean open;
    private final boolean takesDuplicates;

    CaseStatus(Phase phase, Step step, boolean open, boolean takesDuplicates) {
        this.phase = phase;
        this.step = step;
        this.open = open;
        this.takesDuplicates = takesDuplicates;
    }

    /** The next states: written once, here, as the diagram above draws them. */
    public Set<CaseStatus> next() {
        return switch (this) {
            case REPORTED -> EnumSet.of(VERIFIED, REJECTED, MERGED);
            case VERIFIED -> EnumSet.of(ACCEPTED, REJECTED, MERGED);
            case ACCEPTED -> EnumSet.of(DISPATCHED, HANDLING);
            case DISPATCHED -> EnumSet.of(HANDLING, ACCEPTED);
            case HANDLING -> EnumSet.of(RESULT_SUBMITTED, PARKED);
            case PARKED -> EnumSet.of(HANDLING);
            case RESULT_SUBMITTED -> EnumSet.of(CLOSED, HANDLING);
            case CLOSED -> EnumSet.of(EVALUATED, ACCEPTED);
            case EVALUATED -> EnumSet.of(ACCEPTED);
            case REJECTED, MERGED -> EnumSet.noneOf(CaseStatus.class);
        };
    }

    public boolean canMoveTo(CaseStatus to) {
        return next().contains(to);
    }

    /** Which of the eight steps the case has reached. */
    public Phase phase() {
        return phase;
    }

    /** The step whose clock runs in this status; null where no clock runs. */
    public Step step() {
        return step;
    }

    /** Still needs someone to act: not finished, thrown out or folded into another case. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Whether a duplicate may be merged into a case in this status; which cases may be merged away,
     * {@link #next()} says.
     */
    public boolean takesDuplicates() {
        return takesDuplicates;
    }

    /**
     * The statuses that are open, for queries that must name them (the {@code is_open} column is
     * preferred).
     */
    public static Set<CaseStatus> open() {
        var open = EnumSet.noneOf(CaseStatus.class);
        for (var s : values()) {
            if (s.open) {
                open.add(s);
            }
        }
        return open;
    }
}
