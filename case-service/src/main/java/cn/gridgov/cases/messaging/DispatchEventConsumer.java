package cn.gridgov.cases.messaging;

import cn.gridgov.cases.workflow.DispatchReactions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies dispatch-service's decisions to cases. Each event is applied in one transaction together
 * with the record that it was applied, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class DispatchEventConsumer {

    private static final Logger LOG = Logger.getLogger(DispatchEventConsumer.class);

    private final DispatchReactions reactions;
    private final ProcessedEvents processed;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public DispatchEventConsumer(DispatchReactions reactions, ProcessedEvents processed, OutboxRelay relay,
                                 ObjectMapper json) {
        this.reactions = reactions;
        this.processed = processed;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("dispatch-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
            if (event.id() == null || event.type() == null) {
                throw new IllegalArgumentException("a CloudEvent needs an id and a type");
            }
        } catch (Exception unreadable) {
            // A record nobody can read would block its partition forever; log it loudly and move on.
            LOG.errorf("skipping unreadable record on dispatch-events.v1: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        // Subscribed, and after a back-off re-subscribed, on this record's Vert.x context: a retry
        // would otherwise resume on a timer thread, where Hibernate Reactive refuses to run.
        Context context = Vertx.currentContext();
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> processed.firstDelivery(event.id(), event.type())
                        .chain(first -> first ? reactions.apply(event) : Uni.createFrom().voidItem())))
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .invoke(() -> relay.nudge())
                // A database outage must not drop a decision: hold the partition and try again.
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

}
