package cn.gridgov.dispatch.gridservice;

import cn.gridgov.kit.problem.Problem;

/**
 * The one answer when grid-service cannot give what a request needs: 503 {@code
 * GRID_SERVICE_UNAVAILABLE}.
 */
public final class GridServiceUnavailable {

    private GridServiceUnavailable() {}

    /**
     * {@code what} says what grid-service could not give, as a sentence start: "grid-service could
     * not …".
     */
    public static Problem because(String what, Throwable failure) {
        return new Problem(
                Problem.Kind.UNAVAILABLE,
                "GRID_SERVICE_UNAVAILABLE",
                null,
                what + ": " + failure.getMessage());
    }
}
