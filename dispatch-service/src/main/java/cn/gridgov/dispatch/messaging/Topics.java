package cn.gridgov.dispatch.messaging;

/** The versioned topics this service reads and writes. */
public final class Topics {

    public static final String DISPATCH_EVENTS = "dispatch-events.v1";
    /** The configured outgoing topic (dispatch-events.v1 unless a benchmark points it elsewhere). */
    public static final String DISPATCH_EVENTS_CONFIG = "mp.messaging.outgoing.outbox.topic";
    public static final String CASE_EVENTS = "case-events.v1";
    public static final String GRID_EVENTS = "grid-events.v1";

    private Topics() {
    }
}
