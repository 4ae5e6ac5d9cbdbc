package cn.gridgov.dispatch.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
        return outbox.add(topic, CloudEvent.of(type, caseId, clock.instant(), json.valueToTree(data)));
    }
}
