package cn.gridgov.cases.evaluation;

import cn.gridgov.kit.problem.Problem;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 综合指标值 and its grades for one subject (grid, department or staff), as an administrator set them: a
 * weight in percent per indicator, summing to 100, and grade bands covering 0–100 without gaps or
 * overlaps (each band holds its {@code from} and not its {@code to}, but the top band holds 100). A
 * version is never changed: a change is a new version, so a report names the version it was made
 * with and can be made again under it.
 *
 * <p>The score of a unit is the weighted mean of its indicators in percent, a lower-is-better
 * indicator (返工率) counted as its complement; an indicator with nothing counted for the unit leaves
 * the mean and its weight with it, so a grid with no evaluations is scored on the rest.
 */
public record ScoreScheme(
        int version,
        String subject,
        Map<String, Integer> weights,
        List<Band> bands,
        String madeBy,
        Instant madeAt) {

    public static final Set<String> SUBJECTS = Set.of("grid", "department", "staff");

    /** A grade and the scores it takes: [from, to), or [from, 100] for the top band. */
    public record Band(String grade, Integer from, Integer to) {}

    /**
     * The checks an administrator's new version must pass; each refusal is a 400 naming the field.
     */
    public static void validate(String subject, Map<String, Integer> weights, List<Band> bands) {
        if (subject == null || !SUBJECTS.contains(subject)) {
            throw invalid("UNKNOWN_SUBJECT", "subject", "subject is one of " + SUBJECTS);
        }
        if (weights == null || weights.isEmpty()) {
            throw invalid(
                    "WEIGHTS_MISSING",
                    "weights",
                    "weights name at least one indicator with its weight in percent");
        }
        weights.forEach(
                (indicator, weight) -> {
                    if (Indicator.byField(indicator).isEmpty()) {
                        throw invalid(
                                "UNKNOWN_INDICATOR",
                                "weights." + indicator,
                                indicator + " is not an indicator");
                    }
                    if (weight == null || weight <= 0) {
                        throw invalid(
                                "WEIGHT_NOT_POSITIVE",
                                "weights." + indicator,
                                "a weight is a whole percent above 0");
                    }
                });
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total != 100) {
            throw invalid(
                    "WEIGHTS_NOT_100", "weights", "the weights sum to " + total + " %, not 100 %");
        }
        if (bands == null || bands.isEmpty()) {
            throw invalid("BANDS_MISSING", "bands", "bands cover the scores 0 to 100");
        }
        for (int i = 0; i < bands.size(); i++) {
            var band = bands.get(i);
            if (band == null
                    || band.grade() == null
                    || band.grade().isBlank()
                    || band.from() == null
                    || band.to() == null
                    || band.from() >= band.to()) {
                throw invalid(
                        "BAND_UNREADABLE", "bands[" + i + "]", "a band has a grade and from < to");
            }
        }
        var sorted = bands.stream().sorted(Comparator.comparing(Band::from)).toList();
        if (sorted.get(0).from() != 0) {
            throw invalid(
                    "BANDS_GAP",
                    "bands",
                    "no band holds the scores from 0 to " + sorted.get(0).from());
        }
        for (int i = 1; i < sorted.size(); i++) {
            int end = sorted.get(i - 1).to();
            int start = sorted.get(i).from();
            if (start != end) {
                throw invalid(
                        start > end ? "BANDS_GAP" : "BANDS_OVERLAP",
                        "bands",
                        start > end
                                ? "no band holds the scores from " + end + " to " + start
                                : "grades "
                                        + sorted.get(i - 1).grade()
                                        + " and "
                                        + sorted.get(i).grade()
                                        + " both hold "
                                        + start
                                        + " to "
                                        + end);
            }
        }
        if (sorted.get(sorted.size() - 1).to() != 100) {
            throw invalid(
                    "BANDS_GAP",
                    "bands",
                    "the top band must reach 100, not " + sorted.get(sorted.size() - 1).to());
        }
    }

    /**
     * The unit's composite score (0–100, to one place); null when none of the weighted indicators
     * has a value.
     */
    public Double score(UnitCounts unit) {
        double weighted = 0;
        int weightSeen = 0;
        for (var entry : weights.entrySet()) {
            var indicator = Indicator.byField(entry.getKey()).orElseThrow();
            var rate = unit.rate(indicator);
            if (rate != null) {
                weighted += entry.getValue() * 100 * (indicator.lowerIsBetter() ? 1 - rate : rate);
                weightSeen += entry.getValue();
            }
        }
        return weightSeen == 0 ? null : Math.round(10.0 * weighted / weightSeen) / 10.0;
    }

    /** The grade of a score: the band that holds it. */
    public String grade(Double score) {
        if (score == null) {
            return null;
        }
        return bands.stream()
                .filter(b -> score >= b.from() && (score < b.to() || b.to() == 100))
                .map(Band::grade)
                .findFirst()
                .orElseThrow();
    }

    private static Problem invalid(String code, String field, String message) {
        return new Problem(Problem.Kind.INVALID, code, field, message);
    }
}
