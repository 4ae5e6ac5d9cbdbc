package cn.gridgov.cases.evaluation;

import cn.gridgov.cases.grid.GridTree;
import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * 考核评价 for a period and a slice, from the read model alone: every unit's indicators, and for the
 * slices a score scheme ranks (grids and areas, departments, staff) its composite score, grade and
 * rank under the scheme's version, with the total of all the units shown.
 */
@ApplicationScoped
public class IndicatorReport {

    /**
     * A report's longest period: a year and a day, so a year's report may run across a leap day.
     */
    static final long MAX_DAYS = 366;

    private final IndicatorDays days;
    private final ScoreSchemes schemes;
    private final GridTree areas;

    public IndicatorReport(IndicatorDays days, ScoreSchemes schemes, GridTree areas) {
        this.days = days;
        this.schemes = schemes;
        this.areas = areas;
    }

    /**
     * One unit's line: its rank, score and grade (null where the slice is not scored), indicators
     * and counts.
     */
    public record Line(Integer rank, String unit, Double score, String grade, UnitCounts counts) {}

    /**
     * The whole report: the version it was scored with (null if not scored), the total and the
     * ranked lines.
     */
    public record Report(
            LocalDate from,
            LocalDate to,
            Slice by,
            String area,
            Integer schemeVersion,
            Line total,
            List<Line> lines) {}

    /**
     * The report of [from, to) by slice; {@code area} narrows grids to those in it and is the area
     * whose children {@code by=area} lists; {@code version} picks a score scheme version (the
     * latest if null); {@code only} keeps only the lines it accepts (department staff: their own
     * department).
     */
    public Uni<Report> of(
            LocalDate from,
            LocalDate to,
            Slice by,
            String area,
            Integer version,
            Predicate<String> only) {
        checkPeriod(from, to);
        if (area != null && !by.byArea()) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "AREA_NOT_FOR_SLICE",
                    "area",
                    "area narrows by=grid and by=area only");
        }
        if (by == Slice.AREA && area == null) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "AREA_MISSING",
                    "area",
                    "by=area lists the areas right below an area: name it");
        }
        Uni<List<UnitCounts>> counts =
                by == Slice.AREA
                        ? areaCounts(area, from, to)
                        : area == null
                                ? days.sum(by.rows(), from, to, null)
                                : knownArea(areas.under(area), area)
                                        .chain(codes -> days.sum(by.rows(), from, to, codes));
        Uni<ScoreScheme> scheme =
                by.subject() == null
                        ? Uni.createFrom().nullItem()
                        : schemes.forReport(by.subject(), version);
        return Uni.combine()
                .all()
                .unis(counts, scheme)
                .asTuple()
                .map(
                        both -> {
                            var units =
                                    both.getItem1().stream()
                                            .filter(u -> only.test(u.unit()))
                                            .toList();
                            var scoring = both.getItem2();
                            var total = UnitCounts.sum(area != null ? area : "(all)", units);
                            return new Report(
                                    from,
                                    to,
                                    by,
                                    area,
                                    scoring == null ? null : scoring.version(),
                                    line(null, total, scoring),
                                    ranked(units, scoring));
                        });
    }

    private Uni<List<UnitCounts>> areaCounts(String area, LocalDate from, LocalDate to) {
        return knownArea(areas.children(area), area)
                .chain(
                        children -> {
                            var grids = new HashSet<String>();
                            children.values().forEach(grids::addAll);
                            return days.sum(Slice.GRID.rows(), from, to, grids)
                                    .map(
                                            gridCounts -> {
                                                var byGrid =
                                                        new LinkedHashMap<String, UnitCounts>();
                                                gridCounts.forEach(
                                                        counts ->
                                                                byGrid.put(counts.unit(), counts));
                                                var result = new ArrayList<UnitCounts>();
                                                children.forEach(
                                                        (child, under) ->
                                                                result.add(
                                                                        UnitCounts.sum(
                                                                                child,
                                                                                under.stream()
                                                                                        .map(
                                                                                                byGrid
                                                                                                        ::get)
                                                                                        .filter(
                                                                                                Objects
                                                                                                        ::nonNull)
                                                                                        .toList())));
                                                return result;
                                            });
                        });
    }

    private static <T> Uni<T> knownArea(Uni<Optional<T>> lookup, String area) {
        return lookup.map(
                found ->
                        found.orElseThrow(
                                () ->
                                        new Problem(
                                                Problem.Kind.INVALID,
                                                "UNKNOWN_AREA",
                                                "area",
                                                "grid-service knows no area " + area)));
    }

    private static List<Line> ranked(List<UnitCounts> units, ScoreScheme scheme) {
        if (scheme == null) {
            return units.stream()
                    .sorted(Comparator.comparing(UnitCounts::unit))
                    .map(u -> line(null, u, null))
                    .toList();
        }
        Map<UnitCounts, Double> scores = new LinkedHashMap<>();
        units.forEach(u -> scores.put(u, scheme.score(u)));
        var order =
                units.stream()
                        .sorted(
                                Comparator.comparing(
                                                (UnitCounts u) -> scores.get(u),
                                                Comparator.nullsLast(Comparator.reverseOrder()))
                                        .thenComparing(UnitCounts::unit))
                        .toList();
        var lines = new ArrayList<Line>();
        for (int i = 0; i < order.size(); i++) {
            var score = scores.get(order.get(i));
            // Equal scores share a rank (1, 2, 2, 4); units with nothing to score are not ranked.
            Integer rank =
                    score == null
                            ? null
                            : i > 0 && score.equals(lines.get(i - 1).score())
                                    ? lines.get(i - 1).rank()
                                    : i + 1;
            lines.add(
                    new Line(rank, order.get(i).unit(), score, scheme.grade(score), order.get(i)));
        }
        return lines;
    }

    private static Line line(Integer rank, UnitCounts counts, ScoreScheme scheme) {
        var score = scheme == null ? null : scheme.score(counts);
        return new Line(
                rank, counts.unit(), score, scheme == null ? null : scheme.grade(score), counts);
    }

    private static void checkPeriod(LocalDate from, LocalDate to) {
        if (from == null) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "PERIOD_OPEN",
                    "from",
                    "a report needs the day its period starts (from)");
        }
        if (to == null) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "PERIOD_OPEN",
                    "to",
                    "a report needs the day after its period ends (to)");
        }
        if (!from.isBefore(to)) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "PERIOD_INVERTED",
                    "to",
                    "to (" + to + ", not included) must come after from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "PERIOD_TOO_LONG",
                    "to",
                    "a report covers at most " + MAX_DAYS + " days");
        }
    }
}
