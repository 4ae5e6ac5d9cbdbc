package cn.gridgov.dispatch.messaging;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Announces a change on dispatch-events.v1 through the outbox; call it inside the change's transaction. */
@ApplicationScoped
public class DispatchEvents {

    private static final String PENDING = DispatchEvents.class.getName() + ".pending";

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
        var event = outbox.envelope(type, caseId.toString(), clock.instant(), json.valueToTree(data));
        List<CloudEvent> pending = VertxContext.isOnDuplicatedContext() ? ContextLocals.get(PENDING, null) : null;
        if (pending != null) {
            pending.add(event);
            return Uni.createFrom().voidItem();
        }
        return outbox.add(topic, event);
    }

    /**
     * Runs work that publishes many events (a consumer's batch) so that they reach the outbox in one
     * statement at its end, still inside the caller's transaction and in the order published.
     */
    public <T> Uni<T> batched(Supplier<Uni<T>> work) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return work.get();
        }
        var pending = new ArrayList<CloudEvent>();
        ContextLocals.put(PENDING, pending);
        Uni<T> result;
        try {
            result = work.get();
        } catch (RuntimeException failure) {
            ContextLocals.remove(PENDING);
            throw failure;
        }
        return result
                .onTermination().invoke(() -> ContextLocals.remove(PENDING))
                .call(() -> outbox.addAll(topic, pending));
    }
}
