package cn.gridgov.grid.messaging;

/** The versioned topics this service writes to and reads from. */
public final class Topics {

    public static final String GRID_EVENTS = "grid-events.v1";
    public static final String STAFF_LOCATIONS = "staff-locations.v1";

    private Topics() {
    }
}
