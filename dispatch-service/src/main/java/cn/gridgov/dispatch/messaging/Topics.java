package cn.gridgov.dispatch.messaging;

/** The versioned topics this service writes to. */
public final class Topics {

    public static final String DISPATCH_EVENTS = "dispatch-events.v1";

    private Topics() {
    }
}
