package cn.gridgov.dispatch.routing;

/**
 * How a case is handled: by its grid chief, by departments (lead + co-handlers), or by hand at the
 * command center.
 */
public enum RoutingMode {
    IN_GRID,
    DEPARTMENT,
    MANUAL
}
