package cn.gridgov.dispatch.messaging;

/** Where this service's topics are configured. */
public final class Topics {

    /**
     * The topic dispatch events go to: dispatch-events.v1, or a topic of their own for tests and
     * benchmarks, so that a running system's backlog never reaches them.
     */
    public static final String DISPATCH_EVENTS_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private Topics() {
    }
}
