package cn.gridgov.cases.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SQL of a search: one statement per page, with its parameters. Every condition is written the
 * way its index in {@code V13__case_search.sql} is defined, so the planner can use it; values
 * always travel as parameters, never in the text.
 */
final class CaseSearchSql {

    static final String COLUMNS =
            "id, number, status, step, step_warn_at, step_due_at, category, description, address, "
                    + "grid_code, dedicated_grid_codes, routed_department, routed_department_name, co_handling_departments, source, is_open, "
                    + "reporter_id, urgency, longitude, latitude, reported_at, closed_at, case_number_order(number) as number_order";

    /*
     * A case's dedicated grids and co-handlers, as their partial GIN indexes are defined: the empty
     * list (most cases) is excluded first, which also tells the planner how few cases the overlap concerns.
     */
    private static final String DEDICATED =
            "(dedicated_grid_codes <> '' and string_to_array(dedicated_grid_codes, ',') && ";
    private static final String CO_HANDLING =
            "(co_handling_departments <> '' and string_to_array(co_handling_departments, ',') && ";
    private static final String SUMMONED =
            "(summoned_departments <> '' and string_to_array(summoned_departments, ',') && ";

    /** What a page is read with. */
    record Statement(String sql, List<Object> params) {}

    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private CaseSearchSql() {}

    /**
     * A page: the filters, the scope, after the cursor, in order, one more row than the limit (to
     * know whether more follow).
     */
    static Statement page(CaseQuery query, ReadScope scope, Instant now) {
        var sql = new CaseSearchSql();
        sql.filters(query, scope, now);
        sql.after(query);
        var order =
                switch (query.sort()) {
                    case REPORTED_AT -> "reported_at %1$s, id %1$s";
                    case DUE_AT -> "coalesce(step_due_at, 'infinity'::timestamptz) %1$s, id %1$s";
                    case NUMBER -> "case_number_order(number) %1$s";
                };
        var text =
                "select "
                        + COLUMNS
                        + " from cases"
                        + sql.where
                        + " order by "
                        + String.format(order, query.descending() ? "desc" : "asc")
                        + " limit "
                        + sql.p(query.limit() + 1);
        return new Statement(text, sql.params);
    }

    /**
     * How many cases match, counted up to {@code cap + 1} so that a count never reads a million
     * rows.
     */
    static Statement count(CaseQuery query, ReadScope scope, Instant now, int cap) {
        var sql = new CaseSearchSql();
        sql.filters(query, scope, now);
        return new Statement(
                "select count(*) from (select 1 from cases"
                        + sql.where
                        + " limit "
                        + sql.p(cap + 1)
                        + ") matches",
                sql.params);
    }

    private String p(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    private void and(String condition) {
        where.append(where.isEmpty() ? " where " : " and ").append(condition);
    }

    private void filters(CaseQuery q, ReadScope scope, Instant now) {
        if (!scope.all()) {
            var either = new ArrayList<String>();
            if (!scope.grids().isEmpty()) {
                var grids = p(scope.grids().toArray(String[]::new));
                either.add("grid_code = any(" + grids + ")");
                either.add(DEDICATED + grids + "::text[])");
            }
            if (scope.department() != null) {
                var department = p(scope.department());
                either.add("routed_department = " + department);
                either.add(CO_HANDLING + "array[" + department + "::text])");
                either.add(SUMMONED + "array[" + department + "::text])");
            }
            if (scope.reporter() != null) {
                either.add("reporter_id = " + p(scope.reporter()));
            }
            and(either.isEmpty() ? "false" : "(" + String.join(" or ", either) + ")");
        }
        if (!q.statuses().isEmpty()) {
            and("status = any(" + p(names(q.statuses())) + ")");
        }
        if (q.open() != null) {
            // What "open" means is CaseStatus's, written beside the status (V12).
            and(q.open() ? "is_open" : "not is_open");
        }
        if (!q.steps().isEmpty()) {
            and("step = any(" + p(names(q.steps())) + ")");
        }
        if (!q.clocks().isEmpty()) {
            var at = p(utc(now));
            var colours = new ArrayList<String>();
            for (var colour : q.clocks()) {
                colours.add(
                        switch (colour) {
                            case NONE -> "step is null";
                            case RED -> "(step is not null and step_due_at < " + at + ")";
                            case YELLOW ->
                                    "(step is not null and step_warn_at <= "
                                            + at
                                            + " and (step_due_at is null or step_due_at >= "
                                            + at
                                            + "))";
                            case GREEN ->
                                    "(step is not null and (step_due_at is null or step_due_at >= "
                                            + at
                                            + ") and (step_warn_at is null or step_warn_at > "
                                            + at
                                            + "))";
                        });
            }
            and("(" + String.join(" or ", colours) + ")");
        }
        if (q.grids() != null) {
            var grids = p(q.grids().toArray(String[]::new));
            and("(grid_code = any(" + grids + ") or " + DEDICATED + grids + "::text[]))");
        }
        if (!q.departments().isEmpty()) {
            var departments = p(q.departments().toArray(String[]::new));
            and(
                    "(routed_department = any("
                            + departments
                            + ") or "
                            + CO_HANDLING
                            + departments
                            + "::text[]))");
        }
        if (!q.categories().isEmpty() || !q.categoryPrefixes().isEmpty()) {
            var either = new ArrayList<String>();
            if (!q.categories().isEmpty()) {
                either.add("category = any(" + p(q.categories().toArray(String[]::new)) + ")");
            }
            for (var prefix : q.categoryPrefixes()) {
                // A prefix is the range [prefix, prefix with its last character raised), byte-wise
                // (text_pattern_ops).
                either.add(
                        "(category ~>=~ "
                                + p(prefix)
                                + " and category ~<~ "
                                + p(upperBound(prefix))
                                + ")");
            }
            and("(" + String.join(" or ", either) + ")");
        }
        if (!q.sources().isEmpty()) {
            and("source = any(" + p(names(q.sources())) + ")");
        }
        if (q.reporter() != null) {
            and("reporter_id = " + p(q.reporter()));
        }
        if (q.from() != null) {
            and("reported_at >= " + p(utc(q.from())));
        }
        if (q.to() != null) {
            and("reported_at < " + p(utc(q.to())));
        }
        if (q.text() != null) {
            var text = p(q.text());
            and(
                    "search_bigrams(case_search_text(description, address)) @> search_bigrams(lower("
                            + text
                            + "::text))");
            and("strpos(case_search_text(description, address), lower(" + text + "::text)) > 0");
        }
        if (q.near() != null) {
            var near = q.near();
            // A box around the circle for the GiST index, generous by a percent, then the distance
            // on the sphere.
            var latitude = Math.min(89.0, Math.abs(near.latitude()));
            var dLat = near.radiusMeters() / 110_574.0 * 1.01;
            var dLon =
                    near.radiusMeters() / (111_320.0 * Math.cos(Math.toRadians(latitude))) * 1.01;
            and(
                    "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) && ST_MakeEnvelope("
                            + p(near.longitude() - dLon)
                            + "::float8, "
                            + p(near.latitude() - dLat)
                            + "::float8, "
                            + p(near.longitude() + dLon)
                            + "::float8, "
                            + p(near.latitude() + dLat)
                            + "::float8, 4326)");
            and(
                    "ST_DistanceSphere(ST_MakePoint(longitude, latitude), ST_MakePoint("
                            + p(near.longitude())
                            + "::float8, "
                            + p(near.latitude())
                            + "::float8)) <= "
                            + p(near.radiusMeters())
                            + "::float8");
        }
    }

    /** Only what comes after the cursor, in the page's order. */
    private void after(CaseQuery q) {
        var cursor = q.cursor();
        if (cursor == null) {
            return;
        }
        var beyond = q.descending() ? "<" : ">";
        switch (q.sort()) {
            case REPORTED_AT ->
                    and(
                            "(reported_at, id) "
                                    + beyond
                                    + " ("
                                    + p(utc(Instant.parse(cursor.key())))
                                    + ", "
                                    + p(cursor.id())
                                    + ")");
            case DUE_AT ->
                    and(
                            "(coalesce(step_due_at, 'infinity'::timestamptz), id) "
                                    + beyond
                                    + " (coalesce("
                                    + p(
                                            cursor.key() == null
                                                    ? null
                                                    : utc(Instant.parse(cursor.key())))
                                    + "::timestamptz, 'infinity'::timestamptz), "
                                    + p(cursor.id())
                                    + ")");
            case NUMBER ->
                    and(
                            "case_number_order(number) "
                                    + beyond
                                    + " "
                                    + p(Long.parseLong(cursor.key())));
        }
    }

    static String upperBound(String prefix) {
        var last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
