package cn.gridgov.dispatch.messaging;

import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RoutingService.CaseToRoute;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Routes every reported case. The decision, its event and the record that the incoming event was
 * applied are written in one transaction, so a redelivery neither routes twice nor loses a decision.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);
    static final String REPORTED = "case.reported";

    private final RoutingService routing;
    private final ProcessedEvents processed;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public CaseEventConsumer(RoutingService routing, ProcessedEvents processed, OutboxRelay relay, ObjectMapper json) {
        this.routing = routing;
        this.processed = processed;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("case-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
        } catch (Exception unreadable) {
            // A record nobody can read would block its partition forever; log it loudly and move on.
            LOG.errorf("skipping unreadable record on case-events.v1: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> processed.firstDelivery(UUID.fromString(event.id()), event.type())
                        .chain(first -> first && REPORTED.equals(event.type())
                                ? routing.route(toRoute(event))
                                : Uni.createFrom().voidItem()))
                .invoke(() -> relay.nudge())
                // A database outage must not drop a case: hold the partition and try again.
                .onFailure().invoke(failure -> LOG.warnf("handling %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private static CaseToRoute toRoute(CloudEvent event) {
        var data = event.data();
        return new CaseToRoute(UUID.fromString(event.subject()), data.path("number").asText(),
                data.path("category").asText(), data.path("gridCode").asText(null));
    }
}
