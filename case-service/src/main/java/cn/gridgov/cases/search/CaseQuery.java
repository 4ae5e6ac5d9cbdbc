package cn.gridgov.cases.search;

import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Step;
import java.time.Instant;
import java.util.Set;

/**
 * A search for cases, its filters already read and checked ({@link CaseQueryReader}). Every filter
 * is optional; an empty set means "any". Several values of one filter are alternatives (status
 * HANDLING or PARKED), different filters must all hold.
 *
 * @param grids the grid codes a case's grid or one of its dedicated grids must be among: the areas
 *     asked for with every area below them; null for any
 * @param text words the description or the address holds, at least two characters
 * @param cursor where the previous page ended; null for the first page
 * @param count whether to count the matches too (at most {@link CaseSearch#COUNT_CAP})
 */
public record CaseQuery(
        Set<CaseStatus> statuses,
        Set<Step> steps,
        Set<ClockColour> clocks,
        Set<String> grids,
        Set<String> departments,
        Set<String> categories,
        Set<String> categoryPrefixes,
        Set<ReportSource> sources,
        String reporter,
        Instant from,
        Instant to,
        String text,
        Near near,
        Boolean open,
        Sort sort,
        boolean descending,
        Cursor cursor,
        int limit,
        boolean count) {

    /** Cases within {@code radiusMeters} of a point (WGS 84). */
    public record Near(double longitude, double latitude, double radiusMeters) {}

    /** The colour of the running step's clock (跟踪督办), as the case view shows it. */
    public enum ClockColour {
        /** Before the step's warning time. */
        GREEN,
        /** Warned (80 % of the limit), not yet due. */
        YELLOW,
        /** Overdue. */
        RED,
        /** No clock runs (parked, evaluated, rejected, merged). */
        NONE
    }

    /**
     * What the pages are ordered by; the case id breaks ties, so a page never repeats or skips a
     * case.
     */
    public enum Sort {
        REPORTED_AT("reportedAt"),
        DUE_AT("dueAt"),
        NUMBER("number");

        final String param;

        Sort(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }
    }

    public CaseQuery withGrids(Set<String> grids) {
        return new CaseQuery(
                statuses,
                steps,
                clocks,
                grids,
                departments,
                categories,
                categoryPrefixes,
                sources,
                reporter,
                from,
                to,
                text,
                near,
                open,
                sort,
                descending,
                cursor,
                limit,
                count);
    }

    public CaseQuery withPage(Cursor cursor, int limit) {
        return new CaseQuery(
                statuses,
                steps,
                clocks,
                grids,
                departments,
                categories,
                categoryPrefixes,
                sources,
                reporter,
                from,
                to,
                text,
                near,
                open,
                sort,
                descending,
                cursor,
                limit,
                false);
    }
}
