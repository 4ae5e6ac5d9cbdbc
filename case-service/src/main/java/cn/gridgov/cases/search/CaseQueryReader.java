package cn.gridgov.cases.search;

import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.kit.problem.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a search's query parameters into a {@link CaseQuery}. Anything it cannot use is a 400
 * naming the parameter: an unknown parameter (a misspelt filter must not silently widen the
 * search), an unknown status, a limit over {@value #MAX_LIMIT}, a radius without a point. A filter
 * given several times, or as a comma-separated list, takes any of its values.
 */
public final class CaseQueryReader {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The widest circle a search may ask for: a district. */
    public static final double MAX_RADIUS_METERS = 50_000;

    static final Set<String> PARAMETERS =
            Set.of(
                    "status",
                    "step",
                    "clock",
                    "grid",
                    "department",
                    "category",
                    "categoryPrefix",
                    "source",
                    "reporter",
                    "from",
                    "to",
                    "q",
                    "lon",
                    "lat",
                    "radius",
                    "open",
                    "sort",
                    "direction",
                    "cursor",
                    "limit",
                    "count",
                    "format");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final ZoneId zone;

    public CaseQueryReader(ZoneId zone) {
        this.zone = zone;
    }

    /** The areas asked for by {@code grid}, still to be widened to the areas below them. */
    public Set<String> areas(Map<String, List<String>> params) {
        return codes(params, "grid");
    }

    public CaseQuery read(Map<String, List<String>> params) {
        for (var name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw Problem.invalid(
                        "UNKNOWN_PARAMETER",
                        name,
                        "cases are not searched by "
                                + name
                                + "; the filters are "
                                + PARAMETERS.stream().sorted().toList());
            }
        }
        csv(params);
        var statuses = enums(params, "status", CaseStatus.class);
        var steps = enums(params, "step", Step.class);
        var clocks = enums(params, "clock", CaseQuery.ClockColour.class);
        var sources = enums(params, "source", ReportSource.class);
        var departments = codes(params, "department");
        var categories = codes(params, "category");
        var prefixes = codes(params, "categoryPrefix");
        var reporter = single(params, "reporter");
        if (reporter != null && (reporter.isBlank() || reporter.length() > 128)) {
            throw Problem.invalid(
                    "REPORTER_UNREADABLE",
                    "reporter",
                    "reporter is a staff id of at most 128 characters");
        }
        var from = instant(single(params, "from"), "from");
        var to = instant(single(params, "to"), "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problem.invalid("PERIOD_EMPTY", "to", "to (exclusive) must come after from");
        }
        var text = text(single(params, "q"));
        var near = near(params);
        var open = bool(single(params, "open"), "open");
        var sort = sort(single(params, "sort"));
        var direction = single(params, "direction");
        boolean descending;
        if (direction == null || direction.equalsIgnoreCase("desc")) {
            descending = true;
        } else if (direction.equalsIgnoreCase("asc")) {
            descending = false;
        } else {
            throw Problem.invalid("DIRECTION_UNKNOWN", "direction", "direction is asc or desc");
        }
        var cursorText = single(params, "cursor");
        Cursor cursor = null;
        if (cursorText != null) {
            cursor = Cursor.decode(cursorText);
            if (cursor.sort() != sort || cursor.descending() != descending) {
                throw Problem.invalid(
                        "CURSOR_FOR_ANOTHER_ORDER",
                        "cursor",
                        "the cursor continues a search sorted by "
                                + cursor.sort().param()
                                + (cursor.descending() ? " desc" : " asc")
                                + "; ask with the same sort and direction");
            }
        }
        var limit = integer(single(params, "limit"), "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.invalid("LIMIT_OUT_OF_RANGE", "limit", "limit is 1 to " + MAX_LIMIT);
        }
        var count = Boolean.TRUE.equals(bool(single(params, "count"), "count"));
        return new CaseQuery(
                statuses,
                steps,
                clocks,
                null,
                departments,
                categories,
                prefixes,
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

    /** Whether the answer is asked for as CSV ({@code format=csv}); JSON otherwise. */
    public static boolean csv(Map<String, List<String>> params) {
        var format = params.getOrDefault("format", List.of());
        if (format.isEmpty()) {
            return false;
        }
        if (format.size() > 1
                || !(format.get(0).equalsIgnoreCase("csv")
                        || format.get(0).equalsIgnoreCase("json"))) {
            throw Problem.invalid("FORMAT_UNKNOWN", "format", "format is json or csv");
        }
        return format.get(0).equalsIgnoreCase("csv");
    }

    private static List<String> values(Map<String, List<String>> params, String name) {
        var values = params.getOrDefault(name, List.of());
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String single(Map<String, List<String>> params, String name) {
        var values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw Problem.invalid("PARAMETER_REPEATED", name, name + " is given once");
        }
        return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).strip();
    }

    private static <E extends Enum<E>> Set<E> enums(
            Map<String, List<String>> params, String name, Class<E> type) {
        var set = EnumSet.noneOf(type);
        for (var value : values(params, name)) {
            try {
                set.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException unknown) {
                throw Problem.invalid(
                        name.toUpperCase(Locale.ROOT) + "_UNKNOWN",
                        name,
                        "no "
                                + name
                                + " "
                                + quote(value)
                                + "; one of "
                                + Arrays.toString(type.getEnumConstants()));
            }
        }
        return set;
    }

    private static Set<String> codes(Map<String, List<String>> params, String name) {
        var set = new LinkedHashSet<String>();
        for (var value : values(params, name)) {
            if (!CODE.matcher(value).matches()) {
                throw Problem.invalid(
                        "CODE_UNREADABLE",
                        name,
                        name + " " + quote(value) + " is not a code (letters, digits, - _ .)");
            }
            set.add(value);
        }
        if (set.size() > 100) {
            throw Problem.invalid("TOO_MANY_VALUES", name, "at most 100 values of " + name);
        }
        return set;
    }

    private Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(zone).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalid(
                    "DATE_UNREADABLE",
                    field,
                    field
                            + " must be a day like 2026-11-16 or a moment like "
                            + "2026-11-16T08:30:00+08:00");
        }
    }

    private static String text(String q) {
        if (q == null) {
            return null;
        }
        if (q.codePointCount(0, q.length()) < 2) {
            throw Problem.invalid(
                    "TEXT_TOO_SHORT", "q", "q needs at least two characters (井盖, not 井)");
        }
        if (q.length() > 200) {
            throw Problem.invalid("TEXT_TOO_LONG", "q", "q is at most 200 characters");
        }
        if (q.indexOf('\0') >= 0) {
            throw Problem.invalid("TEXT_UNREADABLE", "q", "q holds the NUL character");
        }
        return q;
    }

    private static CaseQuery.Near near(Map<String, List<String>> params) {
        var lon = number(single(params, "lon"), "lon");
        var lat = number(single(params, "lat"), "lat");
        var radius = number(single(params, "radius"), "radius");
        if (lon == null && lat == null && radius == null) {
            return null;
        }
        if (lon == null || lat == null || radius == null) {
            var missing = lon == null ? "lon" : lat == null ? "lat" : "radius";
            throw Problem.invalid(
                    "NEAR_INCOMPLETE",
                    missing,
                    "a search near a point takes lon, lat and radius (metres); "
                            + missing
                            + " is missing");
        }
        if (lon < -180 || lon > 180) {
            throw Problem.invalid("COORDINATE_OUT_OF_RANGE", "lon", "lon is -180 to 180");
        }
        if (lat < -90 || lat > 90) {
            throw Problem.invalid("COORDINATE_OUT_OF_RANGE", "lat", "lat is -90 to 90");
        }
        if (radius <= 0 || radius > MAX_RADIUS_METERS) {
            throw Problem.invalid(
                    "RADIUS_OUT_OF_RANGE",
                    "radius",
                    "radius is more than 0 and at most " + (int) MAX_RADIUS_METERS + " metres");
        }
        return new CaseQuery.Near(lon, lat, radius);
    }

    private static Double number(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            var value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problem.invalid(
                    "NUMBER_UNREADABLE", field, field + " " + quote(text) + " is not a number");
        }
    }

    private static int integer(String text, String field, int otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw Problem.invalid(
                    "NUMBER_UNREADABLE",
                    field,
                    field + " " + quote(text) + " is not a whole number");
        }
    }

    private static Boolean bool(String text, String field) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw Problem.invalid("BOOLEAN_UNREADABLE", field, field + " is true or false");
        };
    }

    private static CaseQuery.Sort sort(String text) {
        if (text == null) {
            return CaseQuery.Sort.REPORTED_AT;
        }
        return Arrays.stream(CaseQuery.Sort.values())
                .filter(s -> s.param.equals(text))
                .findFirst()
                .orElseThrow(
                        () ->
                                Problem.invalid(
                                        "SORT_UNKNOWN",
                                        "sort",
                                        "sort is reportedAt, dueAt or number"));
    }

    private static String quote(String value) {
        var shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shown + "'";
    }
}
