package cn.gridgov.dispatch.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** Announces a change on dispatch-events.v1 through the outbox; call it inside the change's transaction. */
@ApplicationScoped
public class DispatchEvents {

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public DispatchEvents(Outbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> publish(String type, UUID caseId, Object data) {
        return outbox.add(Topics.DISPATCH_EVENTS, CloudEvent.of(type, caseId, clock.instant(), json.valueToTree(data)));
    }
}
