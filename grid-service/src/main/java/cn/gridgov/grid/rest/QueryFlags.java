package cn.gridgov.grid.rest;

import cn.gridgov.kit.problem.Problem;

/**
 * Reads yes/no query parameters by hand, so anything but true or false is a 400 naming the
 * parameter.
 */
final class QueryFlags {

    private QueryFlags() {}

    /** False when absent. */
    static boolean optional(String field, String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw Problem.invalid(
                "INVALID_INPUT", field, field + " must be true or false, got '" + value + "'");
    }
}
