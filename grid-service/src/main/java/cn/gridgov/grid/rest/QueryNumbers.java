package cn.gridgov.grid.rest;

import cn.gridgov.kit.problem.Problem;

/**
 * Reads numeric query parameters by hand: JAX-RS answers 404 to a number it cannot convert, and a
 * client deserves a 400 that names the parameter.
 */
final class QueryNumbers {

    private QueryNumbers() {}

    static double required(String field, String value, double min, double max) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid("INVALID_INPUT", field, field + " must not be null");
        }
        return optional(field, value, min, max, Double.NaN);
    }

    static double optional(String field, String value, double min, double max, double fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        double number;
        try {
            number = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw Problem.invalid(
                    "INVALID_INPUT", field, field + " must be a number, got '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw Problem.invalid(
                    "INVALID_INPUT", field, field + " must be between " + min + " and " + max);
        }
        return number;
    }

    /** A whole number of zero or more, or null when absent. */
    static Long optionalWhole(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a negative number
        }
        throw Problem.invalid(
                "INVALID_INPUT",
                field,
                field + " must be a whole number of zero or more, got '" + value + "'");
    }
}
