package cn.gridgov.cases.kpi;

/**
 * The standard indicators of one unit (a grid, a department) over a period, with the counts they
 * are made of so that anyone can check them. Rates are null where nothing was counted.
 */
public record Indicators(String unit, long reported, long answered, long closed, long closedOnTime, long reworked,
                        long solvedInGrid, long dispatched, long dispatchedAccurately, long evaluated, long satisfied,
                        Double averageSatisfaction) {

    /** 按期结案率: closed with no step overdue. */
    public Double onTimeClosureRate() {
        return rate(closedOnTime, closed);
    }

    /** 返工率: closed cases that failed a check at least once. */
    public Double reworkRate() {
        return rate(reworked, closed);
    }

    /**
     * 准确派遣率: dispatches made in the period that the department they went to did not send back. A
     * send-back is charged to the department that made it, not to the one that handled the case in the end.
     */
    public Double accurateDispatchRate() {
        return rate(dispatchedAccurately, dispatched);
    }

    /** 网格内解决率: closed cases solved by the grid itself. */
    public Double solvedInGridRate() {
        return rate(solvedInGrid, closed);
    }

    /** 群众诉求答复率: reported cases whose reporters got an answer (accepted, rejected or merged). */
    public Double answeredRate() {
        return rate(answered, reported);
    }

    /** 满意率: evaluations of 4 or 5. */
    public Double satisfactionRate() {
        return rate(satisfied, evaluated);
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
