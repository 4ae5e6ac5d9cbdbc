package cn.gridgov.dispatch.messaging;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Announces a change on dispatch-events.v1 through the outbox; call it inside the change's transaction. */
@ApplicationScoped
public class DispatchEvents {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final String topic;

    public DispatchEvents(Outbox outbox, ObjectMapper json, Clock clock,
                          @ConfigProperty(name = Topics.DISPATCH_EVENTS_CONFIG) String topic) {
        this.outbox = outbox;
        this.topic = topic;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> publish(String type, UUID caseId, Object data) {
        return outbox.add(topic, envelope(type, caseId, data));
    }

    /** An event about a case, not yet written anywhere. */
    public CloudEvent envelope(String type, UUID caseId, Object data) {
        return outbox.envelope(type, caseId.toString(), clock.instant(), json.valueToTree(data));
    }

    /**
     * Many events in one statement over the caller's SQL connection, in its transaction and in the
     * order given; hand the answer to the relay's {@code publishCommitted} once it has committed.
     */
    public Uni<List<OutboxRelay.Claimed>> addAllClaimed(SqlConnection connection, List<CloudEvent> events) {
        return outbox.addAllClaimed(connection, topic, events);
    }
}
