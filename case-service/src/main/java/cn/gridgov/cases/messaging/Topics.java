package cn.gridgov.cases.messaging;

/** The versioned topics this service writes to. */
public final class Topics {

    public static final String CASE_EVENTS = "case-events.v1";

    private Topics() {
    }
}
