package cn.gridgov.contracts;

/**
 * The topics between the services. A topic's name carries the major version of its contract ({@code
 * .v1}): a change that old consumers cannot read goes to a new topic, never onto this one. Tests
 * publish to topics of their own ({@code .test}), set in each service's configuration.
 */
public final class Topics {

    /** case-service's case events; key = case id. */
    public static final String CASE_EVENTS = "case-events.v1";

    /** dispatch-service's routing, supervision and whistle events; key = case id. */
    public static final String DISPATCH_EVENTS = "dispatch-events.v1";

    /**
     * grid-service's changes of areas, staff and departments; key = area code, staff id, department
     * code.
     */
    public static final String GRID_EVENTS = "grid-events.v1";

    /** The phones' location pings, read by grid-service; key = staff id. */
    public static final String STAFF_LOCATIONS = "staff-locations.v1";

    private Topics() {}
}
