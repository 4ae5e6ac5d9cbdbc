package cn.gridgov.grid.messaging;

/** Where this service's topics are configured. */
public final class Topics {

    /**
     * The topic grid events go to: grid-events.v1, or a topic of their own for tests, so that a
     * running system's backlog never reaches a test and a test's events never reach the system.
     */
    public static final String GRID_EVENTS_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private Topics() {
    }
}
