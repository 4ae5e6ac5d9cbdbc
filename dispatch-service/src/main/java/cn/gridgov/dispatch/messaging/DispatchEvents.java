package cn.gridgov.dispatch.messaging;

import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces a change on dispatch-events.v1 through the outbox, as event-contracts' {@code
 * DispatchTypes} declare it; call it inside the change's transaction.
 */
@ApplicationScoped
public class DispatchEvents {

    /**
     * The configured topic of dispatch events: dispatch-events.v1 ({@code Topics.DISPATCH_EVENTS}),
     * or the tests' own.
     */
    public static final String TOPIC_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private final Outbox outbox;
    private final Clock clock;
    private final String topic;

    public DispatchEvents(
            Outbox outbox, Clock clock, @ConfigProperty(name = TOPIC_CONFIG) String topic) {
        this.outbox = outbox;
        this.topic = topic;
        this.clock = clock;
    }

    public <D> Uni<Void> publish(EventType<D> type, UUID caseId, D data) {
        return outbox.add(topic, envelope(type, caseId, data));
    }

    /** An event about a case, not yet written anywhere. */
    public <D> CloudEvent envelope(EventType<D> type, UUID caseId, D data) {
        return outbox.envelope(type, caseId.toString(), clock.instant(), data);
    }

    /**
     * Many events in one statement over the caller's SQL connection, in its transaction and in the
     * order given; hand the answer to the relay's {@code publishCommitted} once it has committed.
     */
    public Uni<List<OutboxRelay.Claimed>> addAllClaimed(
            SqlConnection connection, List<CloudEvent> events) {
        return outbox.addAllClaimed(connection, topic, events);
    }
}
