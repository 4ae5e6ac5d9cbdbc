package cn.gridgov.cases.evaluation;

import cn.gridgov.kit.problem.Problem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a report is broken down by ({@code by=}). Areas above grids (community, town or street,
 * district) are sums of their grids: {@code by=area&area=D01} gives the district's towns, {@code
 * by=grid&area=D01} every grid in it. The score scheme that ranks a slice is its subject's.
 */
public enum Slice {
    GRID("GRID", "grid"),
    AREA("GRID", "grid"),
    DEPARTMENT("DEPARTMENT", "department"),
    STAFF("STAFF", "staff"),
    ROLE("ROLE", null),
    CATEGORY("CATEGORY", null),
    SOURCE("SOURCE", null);

    private final String rows;
    private final String subject;

    Slice(String rows, String subject) {
        this.rows = rows;
        this.subject = subject;
    }

    /** The slice of {@code indicator_days} the report sums. */
    public String rows() {
        return rows;
    }

    /** The score schemes' subject that ranks this slice; null where nothing is scored. */
    public String subject() {
        return subject;
    }

    public boolean byArea() {
        return this == GRID || this == AREA;
    }

    public static Slice of(String by) {
        return Arrays.stream(values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(by))
                .findFirst()
                .orElseThrow(
                        () ->
                                new Problem(
                                        Problem.Kind.INVALID,
                                        "UNKNOWN_SLICE",
                                        "by",
                                        "by is one of "
                                                + Arrays.stream(values())
                                                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                                                        .collect(Collectors.joining(", "))));
    }
}
