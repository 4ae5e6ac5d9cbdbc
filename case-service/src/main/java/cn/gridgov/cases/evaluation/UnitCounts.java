package cn.gridgov.cases.evaluation;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The counts of one unit (a grid, an area, a department, a staff member, …) over a period. */
public record UnitCounts(String unit, Map<Measure, Long> counts) {

    public long count(Measure measure) {
        return counts.getOrDefault(measure, 0L);
    }

    /**
     * The indicator's value between 0 and 1, to four places; null where its denominator is zero.
     */
    public Double rate(Indicator indicator) {
        long whole = count(indicator.denominator());
        return whole == 0
                ? null
                : Math.round(10_000.0 * count(indicator.numerator()) / whole) / 10_000.0;
    }

    /** The average satisfaction (1–5), to two places; null without evaluations. */
    public Double averageSatisfaction() {
        long evaluated = count(Measure.EVALUATED);
        return evaluated == 0
                ? null
                : Math.round(100.0 * count(Measure.SATISFACTION_SUM) / evaluated) / 100.0;
    }

    /** The counts of several units added up: the counts are additive, so a total is exact. */
    public static UnitCounts sum(String unit, Collection<UnitCounts> parts) {
        var total = new EnumMap<Measure, Long>(Measure.class);
        for (var part : parts) {
            part.counts.forEach((measure, n) -> total.merge(measure, n, Long::sum));
        }
        return new UnitCounts(unit, total);
    }
}
