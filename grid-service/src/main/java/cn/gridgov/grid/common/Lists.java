package cn.gridgov.grid.common;

import cn.gridgov.kit.problem.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks on lists in requests that bean validation cannot name precisely (the index at fault). */
public final class Lists {

    private Lists() {}

    /** Every element present, matching the pattern, and none twice. */
    public static void requireEach(
            String field, List<String> values, Pattern pattern, String rule) {
        if (values == null) {
            return;
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < values.size(); i++) {
            var value = values.get(i);
            if (value == null || !pattern.matcher(value).matches()) {
                throw Problem.invalid(
                        "INVALID_INPUT", field + "[" + i + "]", field + "[" + i + "] " + rule);
            }
            if (!seen.add(value)) {
                throw Problem.invalid(
                        "INVALID_INPUT",
                        field + "[" + i + "]",
                        field + " names " + value + " twice");
            }
        }
    }

    public static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
