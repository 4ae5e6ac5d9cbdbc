package cn.gridgov.grid.rest;

import cn.gridgov.kit.problem.Problem;

/**
 * Reads numeric query parameters by hand: JAX-RS answers 404 to a number it cannot convert, and a
 * client deserves a 400 that names the parameter.
 */
final class QueryNumbers {

    private QueryNumbers() {
    }

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
            throw Problem.invalid("INVALID_INPUT", field, field + " must be a number, got '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw Problem.invalid("INVALID_INPUT", field, field + " must be between " + min + " and " + max);
        }
        return number;
    }
}
