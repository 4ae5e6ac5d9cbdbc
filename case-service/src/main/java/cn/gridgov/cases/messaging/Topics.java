package cn.gridgov.cases.messaging;

/** Where this service's topics are configured. */
public final class Topics {

    /**
     * The topic case events go to: case-events.v1, or a topic of their own for tests, so that a
     * running system's backlog never reaches a test and a test's events never reach the system.
     */
    public static final String CASE_EVENTS_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private Topics() {
    }
}
